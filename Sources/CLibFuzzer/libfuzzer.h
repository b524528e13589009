// libFuzzer's driver, for PageParserFuzzer. It exists only in binaries linked with `-sanitize=fuzzer`, so
// only code compiled with DOCGEN_LIBFUZZER calls it (scripts/fuzz.sh builds that way).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
