/* fuzz/replay.c: runs a fuzz target over saved inputs without libFuzzer, so
 * `make test` replays the corpus in both build flavours (gcc, ASan + UBSan).
 * Prints one TAP line per file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            printf("not ok %d - cannot open %s\n", ++n, argv[i]);
            continue;
        }
        static uint8_t buf[1 << 20];
        size_t len = fread(buf, 1, sizeof buf, f);
        fclose(f);
        uint8_t *copy = malloc(len ? len : 1); /* exact size, so overreads are caught */
        if (!copy) return 1;
        for (size_t k = 0; k < len; k++) copy[k] = buf[k];
        LLVMFuzzerTestOneInput(copy, len);
        free(copy);
        printf("ok %d - %s\n", ++n, argv[i]);
    }
    printf("1..%d\n", n);
    return 0;
}
