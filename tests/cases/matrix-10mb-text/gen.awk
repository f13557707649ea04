# a comment and a text of 10 MB each; the text never closes
BEGIN {
  s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
  while (length(s) < 10000000) s = s s
  print "# " s
  print "aftale \"" s "\" periode 2009"
  print "parameter p: tekst = \"" s
}
