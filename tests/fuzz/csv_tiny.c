/* csv_tiny.c — a second copy of the CSV reader (runtime/csv.c) whose read
 * window is 8 bytes instead of 64 KB, under other names (tiny_csv_*).
 * fuzz_csv reads every input with both and requires the same records and
 * errors: every refill, every sequence cut at a window's edge and every
 * growth of the window in delimiter detection is then exercised. */
#define CSV_WINDOW 8
#define csv_open tiny_csv_open
#define csv_open_stream tiny_csv_open_stream
#define csv_next tiny_csv_next
#define csv_set_encoding tiny_csv_set_encoding
#define csv_delimiter tiny_csv_delimiter
#define csv_bytes_read tiny_csv_bytes_read
#define csv_close tiny_csv_close
#include "csv.c"
