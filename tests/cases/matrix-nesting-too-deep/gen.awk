# brackets nested 20.000 deep: past the parser's stack, and far past the limit
BEGIN {
  print "aftale \"Dybt\" periode 2009"
  printf "parameter p: heltal = "
  for (i = 0; i < 20000; i++) printf "("
  printf "1"
  for (i = 0; i < 20000; i++) printf ")"
  print ""
}
