/* The message catalogue's part for keys, the sealed office key and signed documents (src/sign):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_sign[] = {
	/* why a signer's code is refused (sign_signer_invalid) */
	{"why.party_code", {"a party's code is 2 or 3 capital letters (UA, RU)",
	                    "код сторони — 2 або 3 великі латинські літери (UA, RU)",
	                    "код стороны — 2 или 3 заглавные латинские буквы (UA, RU)"}},
	{"why.mediator_code", {"a mediator's code is 2 to 8 capital letters or digits (ICRC, TR)",
	                       "код посередника — від 2 до 8 великих латинських літер або цифр (ICRC, TR)",
	                       "код посредника — от 2 до 8 заглавных латинских букв или цифр (ICRC, TR)"}},
	{"sign.bad_signer", {"'{signer}': {@why}", "«{signer}»: {@why}", "«{signer}»: {@why}"}},
	{"sign.bad_code", {"'{signer}' is not a signer code (2 to 8 capital letters or digits: UA, RU, ICRC)",
	                   "«{signer}» — не код підписанта (від 2 до 8 великих латинських літер або цифр: "
	                   "UA, RU, ICRC)",
	                   "«{signer}» — не код подписанта (от 2 до 8 заглавных латинских букв или цифр: "
	                   "UA, RU, ICRC)"}},
	{"sign.too_many_required", {"at most {n} signers can be required",
	                            "можна вимагати щонайбільше {n} {n#підписанта|підписантів|підписантів}",
	                            "можно требовать не более {n} {n#подписанта|подписантов|подписантов}"}},
	{"sign.no_signers", {"no signers given (expected e.g. UA,RU,TR)",
	                     "не вказано підписантів (очікується, наприклад, UA,RU,TR)",
	                     "не указаны подписанты (ожидается, например, UA,RU,TR)"}},

	/* key files (sign_key_load, sign_key_save) */
	{"key.cannot_save", {"cannot save the key of '{signer}': {@why}",
	                     "не вдається зберегти ключ «{signer}»: {@why}",
	                     "не удаётся сохранить ключ «{signer}»: {@why}"}},
	{"key.save_no_secret", {"cannot save the key of {signer}: it has no secret part",
	                        "не вдається зберегти ключ {signer}: у нього немає секретної частини",
	                        "не удаётся сохранить ключ {signer}: у него нет секретной части"}},
	{"key.cannot_sign", {"the key of {signer} has no secret part: it cannot sign",
	                     "ключ {signer} не має секретної частини: ним не можна підписувати",
	                     "у ключа {signer} нет секретной части: им нельзя подписывать"}},
	{"key.field_missing", {"{file}: field '{field}' is missing", "{file}: немає поля «{field}»",
	                       "{file}: нет поля «{field}»"}},
	{"key.field_not_string", {"{file}: field '{field}' is not a string",
	                          "{file}: поле «{field}» не є рядком", "{file}: поле «{field}» не строка"}},
	{"key.unknown_field", {"{file}: unknown field '{field}' in a key file",
	                       "{file}: невідоме поле «{field}» у файлі ключа",
	                       "{file}: неизвестное поле «{field}» в файле ключа"}},
	{"key.not_base64", {"{file}: field '{field}' is not base64 of {n} bytes",
	                    "{file}: поле «{field}» не є base64 з {n} {n#байта|байтів|байтів}",
	                    "{file}: поле «{field}» не base64 из {n} {n#байта|байт|байт}"}},
	{"key.secret_mismatch", {"{file}: field 'secret_key' does not belong to 'public_key'",
	                         "{file}: поле «secret_key» не відповідає «public_key»",
	                         "{file}: поле «secret_key» не соответствует «public_key»"}},
	{"key.fingerprint_mismatch", {"{file}: field 'fingerprint' is '{given}', but the public key's "
	                              "fingerprint is '{fingerprint}'",
	                              "{file}: у полі «fingerprint» стоїть «{given}», а відбиток "
	                              "відкритого ключа — «{fingerprint}»",
	                              "{file}: в поле «fingerprint» указано «{given}», а отпечаток "
	                              "открытого ключа — «{fingerprint}»"}},
	{"key.not_parley", {"{file}: not a parley key file (no \"parley\": \"secret-key/1\" or "
	                    "\"public-key/1\")",
	                    "{file}: це не файл ключа parley (немає \"parley\": \"secret-key/1\" або "
	                    "\"public-key/1\")",
	                    "{file}: это не файл ключа parley (нет \"parley\": \"secret-key/1\" или "
	                    "\"public-key/1\")"}},
	{"key.bad_kind", {"{file}: field 'parley' is '{value}': expected 'secret-key/1' or 'public-key/1'",
	                  "{file}: у полі «parley» стоїть «{value}»: очікується «secret-key/1» або "
	                  "«public-key/1»",
	                  "{file}: в поле «parley» указано «{value}»: ожидается «secret-key/1» или "
	                  "«public-key/1»"}},
	{"key.bad_role", {"{file}: field 'role' is '{value}': expected party or mediator",
	                  "{file}: у полі «role» стоїть «{value}»: очікується party (сторона) або "
	                  "mediator (посередник)",
	                  "{file}: в поле «role» указано «{value}»: ожидается party (сторона) или "
	                  "mediator (посредник)"}},
	{"key.bad_signer", {"{file}: field 'signer' is '{value}': {@why}",
	                    "{file}: у полі «signer» стоїть «{value}»: {@why}",
	                    "{file}: в поле «signer» указано «{value}»: {@why}"}},
	{"key.too_open", {"{file}: a secret key file must be readable by its owner only, this one has mode "
	                  "{mode} (chmod 600 {file})",
	                  "{file}: файл таємного ключа має бути доступний для читання лише власникові, а "
	                  "цей має права {mode} (chmod 600 {file})",
	                  "{file}: файл секретного ключа должен быть доступен для чтения только "
	                  "владельцу, а у этого права {mode} (chmod 600 {file})"}},
	{"key.not_json", {"{file}: not a key file: line {line}, column {column}: {detail}",
	                  "{file}: це не файл ключа: рядок {line}, стовпець {column}: {detail}",
	                  "{file}: это не файл ключа: строка {line}, столбец {column}: {detail}"}},
	{"key.not_object", {"{file}: not a key file (expected a JSON object)",
	                    "{file}: це не файл ключа (очікується об’єкт JSON)",
	                    "{file}: это не файл ключа (ожидается объект JSON)"}},
	{"key.bad_row", {"signing_key {id}: not a valid key",
	                 "signing_key {id}: недійсний ключ (базу даних пошкоджено)",
	                 "signing_key {id}: недействительный ключ (база данных повреждена)"}},

	/* the sealed office key (the vault) */
	{"vault.kdf_range", {"the key derivation's limits are out of range",
	                     "межі виведення ключа з пароля поза допустимими",
	                     "пределы выведения ключа из пароля вне допустимых"}},
	{"vault.kdf_memory", {"deriving the key from the passphrase: out of memory",
	                      "виведення ключа з пароля: бракує пам’яті",
	                      "выведение ключа из пароля: не хватает памяти"}},
	{"vault.no_secret", {"the key of {signer} has no secret part to seal",
	                     "ключ {signer} не має секретної частини, яку можна запечатати",
	                     "у ключа {signer} нет секретной части, которую можно запечатать"}},
	{"vault.other_key", {"the sealed key of {signer} is not the key {key}",
	                     "запечатаний ключ {signer} — не ключ {key}",
	                     "запечатанный ключ {signer} — не ключ {key}"}},
	{"vault.bad_row", {"signing_secret {id}: not a sealed key",
	                   "signing_secret {id}: це не запечатаний ключ (базу даних пошкоджено)",
	                   "signing_secret {id}: это не запечатанный ключ (база данных повреждена)"}},

	/* signed documents: envelopes and their canonical JSON */
	{"doc.not_object", {"the document is not a JSON object", "документ не є об’єктом JSON",
	                    "документ не является объектом JSON"}},
	{"doc.not_envelope", {"not a signed document: expected a JSON object with \"document\", "
	                      "\"digests\" and \"signatures\"",
	                      "це не підписаний документ: очікується об’єкт JSON з \"document\", "
	                      "\"digests\" і \"signatures\"",
	                      "это не подписанный документ: ожидается объект JSON с \"document\", "
	                      "\"digests\" и \"signatures\""}},
	{"doc.unknown_member", {"signed document: unknown member '{member}' (a signed document holds only "
	                        "document, digests and signatures)",
	                        "підписаний документ: невідомий член «{member}» (підписаний документ "
	                        "містить лише document, digests і signatures)",
	                        "подписанный документ: неизвестный член «{member}» (подписанный "
	                        "документ содержит только document, digests и signatures)"}},
	{"doc.no_document", {"signed document: \"document\" is missing",
	                     "підписаний документ: немає \"document\"",
	                     "подписанный документ: нет \"document\""}},
	{"doc.document_not_object", {"signed document: \"document\" is not a JSON object",
	                             "підписаний документ: \"document\" не є об’єктом JSON",
	                             "подписанный документ: \"document\" не является объектом JSON"}},
	{"doc.signatures_not_array", {"signed document: \"signatures\" is not an array",
	                              "підписаний документ: \"signatures\" не є масивом",
	                              "подписанный документ: \"signatures\" не является массивом"}},
	{"jcs.nomem", {"canonical JSON: out of memory", "канонічний JSON: бракує пам’яті",
	               "канонический JSON: не хватает памяти"}},
	{"jcs.limit", {"canonical JSON: size limit reached", "канонічний JSON: досягнуто межі розміру",
	               "канонический JSON: достигнут предел размера"}},
	{"jcs.too_deep", {"canonical JSON: nested deeper than {max} levels",
	                  "канонічний JSON: вкладеність глибша за {max} {max#рівень|рівні|рівнів}",
	                  "канонический JSON: вложенность глубже {max} {max#уровня|уровней|уровней}"}},
	{"jcs.at", {"canonical JSON: at {where}: {@why}", "канонічний JSON: у {where}: {@why}",
	            "канонический JSON: в {where}: {@why}"}},
	{"jcs.at_top", {"canonical JSON: at the top: {@why}", "канонічний JSON: на верхньому рівні: {@why}",
	                "канонический JSON: на верхнем уровне: {@why}"}},
	{"jcs.string_utf8", {"a string is not valid UTF-8", "рядок — некоректний UTF-8",
	                     "строка — некорректный UTF-8"}},
	{"jcs.name_utf8", {"a member name is not valid UTF-8", "назва члена — некоректний UTF-8",
	                   "имя члена — некорректный UTF-8"}},
	{"jcs.big_integer", {"the integer {n} is beyond 2^53, where JSON numbers lose precision: write it as "
	                     "a string",
	                     "ціле число {n} виходить за межу 2^53, за якою числа JSON втрачають точність: запишіть "
	                     "його рядком",
	                     "целое число {n} выходит за предел 2^53, за которым числа JSON теряют точность: запишите его "
	                     "строкой"}},
	{"jcs.not_finite", {"NaN and infinities have no JSON form", "NaN і нескінченності не мають форми в JSON",
	                    "у NaN и бесконечностей нет формы в JSON"}},
	{"jcs.no_value", {"no value", "немає значення", "нет значения"}},
	{NULL, {NULL}},
};
