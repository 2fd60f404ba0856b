/* embed.c - turn files into a C source with one table of (name, bytes).
 *
 * Usage: embed SYMBOL PREFIX FILE... > out.c
 * Each entry is named by its path with PREFIX removed.  Used at build time
 * for templates, static assets and migrations, so the binary needs no files
 * at run time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	int	i;
	size_t	plen;

	if (argc < 3) {
		fprintf(stderr, "usage: embed SYMBOL PREFIX FILE...\n");
		return 2;
	}
	plen = strlen(argv[2]);
	printf("#include \"base/asset.h\"\n\n");
	for (i = 3; i < argc; i++) {
		FILE	*f = fopen(argv[i], "rb");
		int	 c;
		size_t	 n = 0;

		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		printf("static const unsigned char %s_%d[] = {", argv[1], i);
		while ((c = getc(f)) != EOF) {
			printf("%s%d,", n % 20 == 0 ? "\n" : "", c);
			n++;
		}
		printf("0};\n");
		fclose(f);
	}
	printf("\nconst struct wb_asset %s[] = {\n", argv[1]);
	for (i = 3; i < argc; i++) {
		const char *name = argv[i];
		FILE *f = fopen(argv[i], "rb");
		long len;

		if (strncmp(name, argv[2], plen) == 0)
			name += plen;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fclose(f);
		printf("\t{ \"%s\", (const char *)%s_%d, %ld },\n", name, argv[1], i, len);
	}
	printf("\t{ NULL, NULL, 0 }\n};\n");
	return 0;
}
