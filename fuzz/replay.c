/* Runs a fuzz harness over files, without libFuzzer: how `make check`
 * replays the seed corpora (and any crash file) under the sanitizers.
 *   HARNESS_replay FILE_OR_DIR... */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if(!f) {
		perror(path);
		return 1;
	}
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, n;
	uint8_t chunk[65536];
	while((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if(len + n > cap) {
			cap = (len + n) * 2;
			uint8_t *d = realloc(data, cap);
			if(!d) {
				fclose(f);
				free(data);
				return 1;
			}
			data = d;
		}
		memcpy(data + len, chunk, n);
		len += n;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data ? data : (const uint8_t *)"", len);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int files = 0, bad = 0;
	for(int i = 1; i < argc; i++) {
		struct stat sb;
		if(stat(argv[i], &sb)) {
			perror(argv[i]);
			return 1;
		}
		if(!S_ISDIR(sb.st_mode)) {
			bad += run_file(argv[i]);
			files++;
			continue;
		}
		struct dirent **list;
		int n = scandir(argv[i], &list, NULL, alphasort);
		for(int k = 0; k < n; k++) {
			if(list[k]->d_name[0] != '.') {
				char path[4096];
				snprintf(path, sizeof(path), "%s/%s", argv[i], list[k]->d_name);
				int failed = run_file(path);
				printf("%s %d - %s\n", failed ? "not ok" : "ok", ++files, list[k]->d_name);
				fflush(stdout);
				bad += failed;
			}
			free(list[k]);
		}
		free(list);
	}
	printf("1..%d\n", files);
	return bad ? 1 : 0;
}
