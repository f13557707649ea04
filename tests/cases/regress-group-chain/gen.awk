# 100.000 groups, each built on the one before; the last names a column
# that does not exist, so the check must reach the end to say so.
BEGIN {
  print "agreement \"Lange kæder\""
  print "data borgere = csv \"borgere.csv\" rows persons"
  print "group g1 = borgere where alder < 30"
  for (i = 2; i <= 100000; i++) print "group g" i " = g" (i - 1) " where alder > 1"
  print "group sidste = g100000 where ukendt > 1"
}
