# a group whose condition joins 50.000 terms with 'og', then a run of '+'
BEGIN {
  print "aftale \"Lange kæder\" periode 2009"
  print "data borgere = csv \"borgere.csv\""
  printf "målgruppe g = borgere hvor alder > 1"
  for (i = 1; i < 50000; i++) printf " og alder > 1"
  print ""
}
