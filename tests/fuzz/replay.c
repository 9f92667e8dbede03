/* replay.c — run a fuzz target's LLVMFuzzerTestOneInput without libFuzzer.
 *
 *   replay_parse tests/fuzz/regressions build/fuzz-seeds/parse ...
 *
 * Each argument is a file or a directory of files; every file is read into a
 * buffer of exactly its size and passed to the target once. This is how the
 * fuzzers' regression inputs and seed corpus run in every build (gcc or
 * clang, plain, sanitized or under valgrind), not only with -DSC_FUZZ=ON.
 * Prints how many inputs ran; a finding aborts (the targets trap). */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL, *grown;
    size_t size = 0, cap = 0, n;
    if (f == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (size == cap) {
            cap = cap ? cap * 2 : 4096;
            grown = realloc(data, cap);
            if (grown == NULL) {
                fprintf(stderr, "replay: %s: out of memory\n", path);
                free(data);
                fclose(f);
                return -1;
            }
            data = grown;
        }
        n = fread(data + size, 1, cap - size, f);
        size += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        free(data);
        fclose(f);
        return -1;
    }
    fclose(f);
    /* Exactly `size` bytes, so a read past the input is caught. */
    grown = malloc(size ? size : 1);
    if (grown == NULL) {
        free(data);
        return -1;
    }
    if (size)
        memcpy(grown, data, size);
    free(data);
    LLVMFuzzerTestOneInput(grown, size);
    free(grown);
    return 0;
}

int main(int argc, char **argv)
{
    int i, failed = 0;
    unsigned long ran = 0;
    for (i = 1; i < argc; i++) {
        struct stat st;
        DIR *d;
        struct dirent *e;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            failed = 1;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (run_file(argv[i]) != 0)
                failed = 1;
            else
                ran++;
            continue;
        }
        d = opendir(argv[i]);
        if (d == NULL) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            failed = 1;
            continue;
        }
        while ((e = readdir(d)) != NULL) {
            char *path;
            size_t len;
            if (e->d_name[0] == '.')
                continue;
            len = strlen(argv[i]) + strlen(e->d_name) + 2;
            path = malloc(len);
            if (path == NULL) {
                failed = 1;
                break;
            }
            snprintf(path, len, "%s/%s", argv[i], e->d_name);
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                if (run_file(path) != 0)
                    failed = 1;
                else
                    ran++;
            }
            free(path);
        }
        closedir(d);
    }
    printf("replay: %lu inputs, no finding\n", ran);
    return failed;
}
