/* Build tool: turn a file into a C array, so data the code depends on
 * (the name dictionary) is part of the binary and cannot drift from it.
 *   embed INPUT OUTPUT SYMBOL */
#include <stdio.h>

int main(int argc, char **argv)
{
	if(argc != 4) {
		fprintf(stderr, "usage: embed INPUT OUTPUT SYMBOL\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "w");
	if(!in || !out) {
		perror("embed");
		return 1;
	}
	fprintf(out, "/* generated from %s by tools/embed.c; do not edit */\n", argv[1]);
	fprintf(out, "const unsigned char %s[] = {\n", argv[3]);
	unsigned long n = 0;
	int c;
	while((c = fgetc(in)) != EOF)
		fprintf(out, "%u,%s", (unsigned)c, ++n % 24 ? "" : "\n");
	fprintf(out, "0};\nconst unsigned long %s_len = %lu;\n", argv[3], n);
	if(ferror(in) || fclose(out)) {
		perror("embed");
		return 1;
	}
	fclose(in);
	return 0;
}
