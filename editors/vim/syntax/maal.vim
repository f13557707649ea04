" Vim syntax file
" Language: maal (goal rules for employment agreements; spec/maal.md)
" Keywords in Danish and English, as lang/keywords.h lists them (tests/unit/editors_test.c checks that each is here).

if exists("b:current_syntax")
  finish
endif

syn case ignore
syn iskeyword @,48-57,_,192-255

syn keyword maalDeclaration agreement aftale period periode scheme statusskema param parameter
syn keyword maalDeclaration data csv group målgruppe import importer test rules
syn keyword maalDeclaration regler expect forvent bands inddeling checks kontrol
syn keyword maalItem delimiter skilletegn decimaltegn encoding tegnsæt missing mangler manglende
syn keyword maalItem rows rækker unit enhed measure måling target krav
syn keyword maalItem result resultat comment kommentar status by per med
syn keyword maalItem exclude udelad baseline basis assessed vurderet vurderes key
syn keyword maalItem nøgle time tid covers dækker weight vægt source kilde
syn keyword maalItem unique unik required påkrævet
syn keyword maalOperatorWord where hvor of af as som and og
syn keyword maalOperatorWord or eller not ikke in i is er
syn keyword maalOperatorWord findes has har no ingen the de after
syn keyword maalOperatorWord efter before før within consecutive sammenhængende
syn keyword maalStructure area indsatsområde initiative indsats goal mål
syn keyword maalMeasure count antal distinct forskellige share andel sum average
syn keyword maalMeasure gennemsnit min max value værdi indicator indikator ratio
syn keyword maalMeasure forhold done færdig
syn keyword maalTarget at least most mindst højst exactly præcis between
syn keyword maalTarget mellem about cirka tolerance from fra below under
syn keyword maalTarget reduce nedbring nedbringes increase øg øges maintain fasthold
syn keyword maalTarget fastholdes over above more flere fewer færre less
syn keyword maalTarget mindre senest to til
syn match maalTarget '\<ca\.'
syn keyword maalBoolean true ja false nej
syn keyword maalStatus met opfyldt partly delvist unknown uopgjort all alle
syn keyword maalStatus worst ringeste any nogen weighted vægtet goals initiatives
syn keyword maalStatus indsatser areas indsatsområder
syn keyword maalType int heltal decimal decimaltal text tekst bool janej
syn keyword maalType date dato
syn keyword maalUnit pct procent percent points point pp procentpoint days
syn keyword maalUnit day dage dag weeks week uger uge months
syn keyword maalUnit month måneder måned mdr years year år working
syn keyword maalUnit arbejdsdage arbejdsdag
syn match maalUnit '\<pct\.'
syn match maalUnit '\<mdr\.'
syn keyword maalTime ultimo primo quarter kvartal perioden måneden

syn match maalComment "#.*$" contains=@Spell
syn region maalString start=+"+ skip=+\\.+ end=+"+ end=+$+ contains=maalPlaceholder,maalEscape
syn match maalEscape "\\." contained
syn match maalPlaceholder "{[^{}"]*}" contained
syn match maalQuotedName "`[^`]\+`"
" Danish numbers: points between groups of three, a decimal comma (1.052,5); months, quarters
" and dates after it, so that they win where both match
syn match maalNumber "\<\d\+\(\.\d\+\)*\(,\d\+\)\=\>"
syn match maalMonth "\<\d\{4}-\d\{2}\>"
syn match maalQuarter "\<\d\{4}[Kk]\d\>"
syn match maalDate "\<\d\{4}-\d\{2}-\d\{2}\>\|\<\d\{2}[-.]\d\{2}[-.]\d\{4}\>"

hi def link maalDeclaration Statement
hi def link maalStructure Structure
hi def link maalItem Keyword
hi def link maalMeasure Function
hi def link maalTarget Conditional
hi def link maalOperatorWord Operator
hi def link maalType Type
hi def link maalBoolean Boolean
hi def link maalStatus Constant
hi def link maalUnit Special
hi def link maalTime Function
hi def link maalComment Comment
hi def link maalString String
hi def link maalEscape SpecialChar
hi def link maalPlaceholder Identifier
hi def link maalQuotedName Identifier
hi def link maalDate Constant
hi def link maalMonth Constant
hi def link maalQuarter Constant
hi def link maalNumber Number

let b:current_syntax = "maal"
