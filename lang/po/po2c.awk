# po2c.awk — the translated messages of a PO file as C initialisers,
# {"msgid", "msgstr"}, one a line, for lang/msg.c.  The strings of a PO
# file are C string literals already, so they are copied as they stand;
# entries with an empty msgstr, fuzzy ones and the header are left out.
function flush() {
  if (id != "" && str != "" && !fuzzy) printf "{%s, %s},\n", id, str
  id = ""; str = ""; fuzzy = 0; in_id = 0; in_str = 0
}
/^#,.*fuzzy/ { fuzzy = 1; next }
/^#/ { next }
/^[ \t]*$/ { flush(); next }
/^msgid / { in_id = 1; in_str = 0; sub(/^msgid /, ""); id = ($0 == "\"\"") ? "" : $0; next }
/^msgstr / { in_id = 0; in_str = 1; sub(/^msgstr /, ""); str = ($0 == "\"\"") ? "" : $0; next }
/^"/ {
  if (in_id) id = (id == "") ? $0 : id " " $0
  else if (in_str) str = (str == "") ? $0 : str " " $0
  next
}
END { flush() }
