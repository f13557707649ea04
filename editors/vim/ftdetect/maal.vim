" maal rule files (spec/maal.md)
autocmd BufRead,BufNewFile *.maal setfiletype maal
