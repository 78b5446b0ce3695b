// TAP lines for the i18n checks: ok(cond, what, detail) prints one, with
// the detail's lines under a failure; end() prints the plan and exits 1 if
// any failed.
export function tap() {
  let n = 0;
  let failed = 0;
  return {
    ok(cond, what, detail) {
      n++;
      if (!cond) failed++;
      console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
      if (!cond && detail) for (const line of [].concat(detail)) console.log(`#   ${line}`);
    },
    end() {
      console.log(`1..${n}`);
      process.exit(failed ? 1 : 0);
    },
  };
}
