/* parser.y — the grammar of maal.  Actions only build the tree (ast.h);
 * names, types and duplicates are the checker's business (check.c).
 * Error recovery: a mistake inside a declaration, goal or initiative
 * skips to the next clause, so one run reports every mistake. */
%define api.pure full
%define api.prefix {maal_yy}
%define parse.error custom
%locations
%expect 0
%param {void *scanner}
%parse-param {parse_ctx *ctx}

%code requires {
#include "ast.h"
typedef struct parse_ctx parse_ctx;
#define MAAL_YYLTYPE span
#define MAAL_YYLTYPE_IS_DECLARED 1

#define YYLLOC_DEFAULT(cur, rhs, n)                   \
  do {                                                \
    if (n) {                                          \
      (cur).beg = YYRHSLOC(rhs, 1).beg;               \
      (cur).end = YYRHSLOC(rhs, n).end;               \
    } else {                                          \
      (cur).beg = (cur).end = YYRHSLOC(rhs, 0).end;   \
    }                                                 \
  } while (0)
}

%code provides {
int maal_yylex(MAAL_YYSTYPE *lval, MAAL_YYLTYPE *lloc, void *scanner);
}

%code {
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "spelling.h"
#include "msg.h"
#define YYMALLOC xmalloc /* the parser's stack through maal's allocator */
#define YYFREE free
#define P (ctx->prog)
static void maal_yyerror(MAAL_YYLTYPE *loc, void *scanner, parse_ctx *ctx, const char *msg);
static const char *cat(parse_ctx *ctx, const char *a, const char *b);
static expr *op(parse_ctx *ctx, expr_kind k, expr *a, expr *b, expr *c, span sp);
static expr *number(parse_ctx *ctx, const char *raw, span sp);
static expr *deeper(parse_ctx *ctx, expr *e, span sp);
static void too_deep(parse_ctx *ctx, span sp, bool chain, expr_kind k);
static const char *cat3(parse_ctx *ctx, const char *a, const char *b, const char *c);
static rel_expr *quant(parse_ctx *ctx, bool at_most, const char *n);
static expr *ref_column(parse_ctx *ctx, const char *text, span sp);
static rel_expr *win(parse_ctx *ctx, window_kind w, vtype dir, const char *k, const char *months, bool days, span sp,
                     expr *anchor);
static bool bracketed(parse_ctx *ctx, span sp);
static void two_readings(parse_ctx *ctx, expr *left, expr *right, expr_kind k);
static range_lit *range_of(parse_ctx *ctx, span sp, bool lo_open, expr *lo, expr *hi, bool hi_open);
static range_lit *comma_in_range(parse_ctx *ctx, span sp, expr *a, expr *b, bool lo_open, expr *lo, expr *hi, bool hi_open);
static void band_comma(parse_ctx *ctx, span sp, const char *dec);
static check_item *check_text(parse_ctx *ctx, check_item *it);
static const char *soft_col(parse_ctx *ctx, const char *name, span sp);
static check_item *range_check(parse_ctx *ctx, const char *col, span col_sp, range_lit *r, span sp);
}

%union {
  const char *str;
  expr *e;
  vtype type;
  role r;
  column_decl *col;
  data_opt *opt;
  level *lvl;
  measure *m;
  target *t;
  goal_item *gi;
  goal *g;
  initiative *in;
  area *ar;
  test_item *ti;
  rel_expr *rx;
  status_rule *sr;
  int ru;
  range_lit *rg;
  bool flag;
  about_side side;
  band *bd;
  by_dim *bdim;
  check_item *ck;
}

%token <str> IDENT "name" STRING "text in quotes" INT_LIT "whole number"
%token <str> DEC_LIT "decimal number" DATE_LIT "date" LABEL "number like 1.2.3"
%token <str> AGREEMENT "'agreement'" PERIOD "'period'" SCHEME "'scheme'" PARAM "'param'"
%token <str> DATA "'data'" CSV "'csv'" DELIMITER "'delimiter'" DECIMALSEP "'decimaltegn'"
%token <str> MISSING "'missing'" ROWS "'rows'" UNIT "'unit'" GROUP "'group'" WHERE "'where'"
%token <str> AREA "'area'" INITIATIVE "'initiative'" GOAL "'goal'" MEASURE "'measure'"
%token <str> TARGET "'target'" RESULT "'result'" COMMENT "'comment'" STATUS "'status'"
%token <str> BY "'by'" COUNT "'count'" DISTINCT "'distinct'" SHARE "'share'" SUM "'sum'"
%token <str> AVERAGE "'average'" MIN "'min'" MAX "'max'" VALUE "'value'" OF "'of'" AS "'as'"
%token <str> AT "'at'" LEAST "'least'" MOST "'most'" ATLEAST "'mindst'" ATMOST "'højst'"
%token <str> EXACTLY "'exactly'" BETWEEN "'between'" ABOUT "'about'" TOLERANCE "'tolerance'"
%token <str> AND "'and'" OR "'or'" NOT "'not'" IN "'in'" IS "'is'" PRESENT "'findes'"
%token <str> TRUE "'true'" FALSE "'false'" MET "'met'" PARTLY "'partly'" UNKNOWN "'unknown'"
%token <str> FROM "'from'" BELOW "'below'" ALL "'all'" WORST "'worst'" EXCLUDE "'exclude'"
%token <str> INT "'int'" DECIMAL "'decimal'" TEXT "'text'" BOOL "'bool'" DATE "'date'"
%token <str> PCT "'pct'" POINTS "'points'" PP "'pp'"
%token <str> DAYS "'days'" WEEKS "'weeks'" MONTHS "'months'" YEARS "'years'" ULTIMO "'ultimo'" PRIMO "'primo'"
%token <str> BASELINE "'baseline'" REDUCE "'reduce'" INCREASE "'increase'" MAINTAIN "'maintain'"
%token <str> INDICATOR "'indicator'" ASSESSED "'assessed'" IMPORT "'import'" OVER "'over'"
%token <str> COMMENT_TOKEN "comment"
%token <str> TEST "'test'" RULES "'rules'" EXPECT "'expect'" ENCODING "'encoding'"
%token <str> RATIO "'ratio'" DONE "'done'" DEADLINE "'senest'"
%token <str> MONTH_LIT "month" QUARTER_LIT "quarter" QUARTER "'quarter'" THE "'the'" PERIODEN "'perioden'"
%token <str> TO "'to'" WORKING "'working'" WORKDAYS "'arbejdsdage'"
%token <str> COVERS "'covers'" KEY "'key'" REF_COL "COLUMN henviser til" TIME "'time'" HAS "'has'" NO "'no'"
%token <str> AFTER "'after'" BEFORE "'before'" WITHIN "'within'" CONSECUTIVE "'consecutive'"
%token <str> THEMONTH "'måneden'" FIELD_REF "SOURCE.COLUMN" BANDS "'bands'"
%token <str> ANY "'any'" WEIGHT "'weight'" WEIGHTED "'weighted'" GOALS "'goals'"
%token <str> INITIATIVES "'initiatives'" AREAS "'areas'"
%token <str> CHECKS "'checks'" UNIQUE "'unique'" REQUIRED "'required'"
%token <str> DOTDOT "'..'" ABOVE "'above'" MORE "'more'" FEWER "'fewer'" LESS "'less'" EITHER_WAY "'either way'"
%token <str> SOURCEREF "'source'"
%token <str> NE "'!='" LE "'<='" GE "'>='"
%token <str> '=' "'='" '<' "'<'" '>' "'>'" '+' "'+'" '-' "'-'" '*' "'*'" '/' "'/'"
%token <str> '(' "'('" ')' "')'" '{' "'{'" '}' "'}'" ',' "','" ':' "':'" '[' "'['" ']' "']'"

%type <str> text name label unit opt_unit soft
%type <e> expr arith primary literal number strings opt_where tarith tprimary year period lines
%type <e> within time_fn
%type <type> type
%type <r> role
%type <col> columns column
%type <ck> check_items check_item
%type <str> check_col
%type <e> check_end
%type <opt> data_opts data_opt
%type <lvl> levels level
%type <m> measure measure_core
%type <t> target
%type <gi> goal_items goal_item
%type <g> goal
%type <in> init_body initiative
%type <ar> area_body
%type <sr> status_rule goal_names goal_name_seq
%type <ru> rule_unit
%type <ti> test_items test_item
%type <str> goal_ref above_ref
%type <str> ratio_term
%type <e> deadline
%type <e> names has has_cond time_lit
%type <rx> quant window
%type <rg> range lo_end hi_end
%type <flag> range_open range_close
%type <e> opt_tarith
%type <side> about_side
%type <type> direction
%type <bd> bands band band_range
%type <bdim> by_dims by_dim by_base
%type <str> by_col band_end

%left OR
%left AND
%precedence NOT
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%start file

%%

file
  : %empty
  | file decl
  ;

decl
  : agreement
  | PARAM name ':' type '=' arith        { ast_param(P, $2, @2, $4, @4, $6); }
  | DATA name '=' CSV text data_opts     { ast_data(P, $2, @2, $5, @5, $6, NULL, false); }
  | DATA name '=' CSV text data_opts '{' columns '}'
                                         { ast_data(P, $2, @2, $5, @5, $6, $8, true); }
  | GROUP name '=' name opt_where        { ast_group(P, $2, @2, $4, @4, $5); }
  | SCHEME name '{' levels '}'           { ast_scheme(P, $2, @2, $4); }
  | AREA label text '{' area_body '}'    { ast_area_finish(P, $5, $2, @2, $3, @$); }
  | STATUS status_rule                   { ast_rule_set(&P->rule, $2); }
  | IMPORT text                          { ast_import(P, $2, @2); }
  | TEST text '{' test_items '}'         { ast_test(P, $2, @2, $4); }
  | BANDS name '=' by_base '(' bands ')' { $4->bands = $6; $4->sp = ast_span($4->sp, @7); ast_banding(P, $2, @2, $4); }
  | CHECKS name '{' check_items '}'      { ast_checks(P, $2, @2, $4); }
  | error
  ;

agreement
  : AGREEMENT text agreement_opts        { ast_agreement(P, $2, @2); }
  ;

agreement_opts
  : %empty
  | agreement_opts PERIOD primary        { ast_agreement_period(P, $3); }
  ;

text
  : STRING
  | text STRING                          { $$ = cat(ctx, $1, $2); }
  ;

name
  : IDENT
  | soft                                 { $$ = ast_soft_name(P, $1, @1); }
  ;

/* Keywords that can also be names where no keyword fits (a column called
 * 'periode'); the formatter must know them to leave them untranslated. */
soft
  : PERIOD | STATUS | DATA | VALUE | SUM | MIN | MAX | COUNT
  | SHARE | AVERAGE | TEXT | DATE | INT | DECIMAL | BOOL | ROWS
  | DELIMITER | DECIMALSEP | CSV | ALL | WORST
  | ULTIMO | PRIMO | INDICATOR | BASELINE | OVER | IMPORT
  | DAYS | WEEKS | MONTHS | YEARS | BY
  | RATIO | DONE | DEADLINE
  | QUARTER | THE | TO | WORKING | WORKDAYS
  | KEY | TIME | COVERS | BANDS
  | ANY | WEIGHT | WEIGHTED | GOALS | INITIATIVES | AREAS
  | ABOVE | MORE | FEWER | LESS | SOURCEREF
  | CHECKS | UNIQUE | REQUIRED
  ;

label
  : INT_LIT | DEC_LIT | LABEL | STRING | IDENT
  ;

type
  : INT                                  { $$ = T_INT; }
  | DECIMAL                              { $$ = T_DEC; }
  | TEXT                                 { $$ = T_TEXT; }
  | BOOL                                 { $$ = T_BOOL; }
  | DATE                                 { $$ = T_DATE; }
  | MONTHS                               { $$ = T_MONTH; }
  | QUARTER                              { $$ = T_QUARTER; }
  ;

unit
  : PCT                                  { $$ = "pct"; }
  | PCT POINTS                           { $$ = "pct points"; }
  | PP                                   { $$ = "pct points"; }
  | DAYS                                 { $$ = "days"; }
  | WEEKS                                { $$ = "weeks"; }
  | MONTHS                               { $$ = "months"; }
  | YEARS                                { $$ = "years"; }
  | IDENT                                { $$ = ast_unit_canonical($1); }
  | WORKDAYS                             { $$ = ast_unit_canonical($1); }
  ;

opt_unit
  : %empty                               { $$ = NULL; }
  | unit
  ;

/* ---- data sources ---- */

data_opts
  : %empty                               { $$ = NULL; }
  | data_opts data_opt                   { $$ = ast_data_opt_add($1, $2); }
  ;

data_opt
  : DELIMITER text                       { $$ = ast_data_opt(P, OPT_DELIMITER, @$, $2, NULL); }
  | DECIMAL text                         { $$ = ast_data_opt(P, OPT_DECIMAL, @$, $2, NULL); }
  | DECIMALSEP text                      { $$ = ast_data_opt(P, OPT_DECIMAL, @$, $2, NULL); }
  | MISSING '(' strings ')'              { $$ = ast_data_opt(P, OPT_MISSING, @$, NULL, $3); }
  | ROWS unit                            { $$ = ast_data_opt(P, OPT_ROWS, @$, $2, NULL); }
  | ENCODING text                        { $$ = ast_data_opt(P, OPT_ENCODING, @$, $2, NULL); }
  /* keys, references, the time column (spec §4.6) */
  | KEY name                             { $$ = ast_data_opt(P, OPT_KEY, @$, NULL, ast_name(P, $2, @2)); }
  | KEY '(' names ')'                    { $$ = ast_data_opt(P, OPT_KEY, @$, NULL, $3); }
  | REF_COL name                         { $$ = ast_data_opt(P, OPT_REF, @$, NULL,
                                             ast_list_add(ref_column(ctx, $1, @1), ast_name(P, $2, @2))); }
  | TIME name                            { $$ = ast_data_opt(P, OPT_TIME, @$, NULL, ast_name(P, $2, @2)); }
  | COVERS time_lit TO time_lit           { $$ = ast_data_opt(P, OPT_COVERS, @$, NULL, ast_list_add($2, $4)); }
  ;

time_lit
  : INT_LIT                              { $$ = ast_num(P, $1, @1); }
  | DATE_LIT                             { $$ = ast_date(P, $1, @1); }
  | MONTH_LIT                            { $$ = ast_month(P, $1, @1); }
  ;

names
  : name                                 { $$ = ast_name(P, $1, @1); }
  | names ',' name                       { $$ = ast_list_add($1, ast_name(P, $3, @3)); }
  ;

strings
  : STRING                               { $$ = ast_str(P, $1, @1); }
  | strings ',' STRING                   { $$ = ast_list_add($1, ast_str(P, $3, @3)); }
  ;

columns
  : %empty                               { $$ = NULL; }
  | columns column                       { $$ = ast_column_add($1, $2); }
  | columns error                        { $$ = $1; }
  ;

column
  : name ':' type                        { $$ = ast_column(P, $1, @1, $3, NULL, @3); }
  | name ':' type UNIT unit              { $$ = ast_column(P, $1, @1, $3, $5, @5); }
  ;

/* ---- checks of the extract (spec §4.7) ---- */

check_items
  : %empty                               { $$ = NULL; }
  | check_items check_item               { $$ = ast_check_add($1, check_text(ctx, $2)); }
  | check_items error                    { $$ = $1; }
  ;

/* The column a value check is about: a plain name (a keyword used as a
 * column name cannot begin a check: it would read two ways). */
check_col
  : IDENT
  ;

check_end
  : tarith
  | DATE_LIT                             { $$ = ast_date(P, $1, @1); }
  | MONTH_LIT                            { $$ = ast_month(P, $1, @1); }
  | STRING                               { $$ = ast_str(P, $1, @1); } /* refused by the checker */
  ;

check_item
  : UNIQUE name                          { $$ = ast_check_item(P, CK_UNIQUE, @$, ast_name(P, $2, @2), NULL, NULL, false, NULL); }
  | UNIQUE '(' names ')'                 { $$ = ast_check_item(P, CK_UNIQUE, @$, $3, NULL, NULL, false, NULL); }
  | REQUIRED names                       { $$ = ast_check_item(P, CK_REQUIRED, @$, $2, NULL, NULL, false, NULL); }
  | check_col IN '(' literals ')'        { expr *c = ast_name(P, soft_col(ctx, $1, @1), @1);
                                           $$ = ast_check_item(P, CK_IN, @$, c, op(ctx, E_IN, c, $<e>4, NULL, @$), NULL, false, NULL); }
  | check_col BETWEEN check_end AND check_end    { expr *c = ast_name(P, soft_col(ctx, $1, @1), @1);
                                           $$ = ast_check_item(P, CK_RANGE, @$, c, op(ctx, E_BETWEEN, c, $3, $5, @$), NULL, false, NULL); }
  | check_col range                      { $$ = range_check(ctx, soft_col(ctx, $1, @1), @1, $2, @$); }
  | ROWS ATLEAST number                  { $$ = ast_check_item(P, CK_ROWS, @$, NULL, NULL, NULL, false, $3); }
  | ROWS AT LEAST number                 { $$ = ast_check_item(P, CK_ROWS, @$, NULL, NULL, NULL, false, $4); }
  | ROWS ATMOST number                   { $$ = ast_check_item(P, CK_ROWS, @$, NULL, NULL, NULL, true, $3); }
  | ROWS AT MOST number                  { $$ = ast_check_item(P, CK_ROWS, @$, NULL, NULL, NULL, true, $4); }
  ;

/* ---- status schemes ---- */

levels
  : %empty                               { $$ = NULL; }
  | levels level                         { $$ = ast_level_add($1, $2); }
  | levels error                         { $$ = $1; }
  ;

level
  : role text                            { $$ = ast_level(P, $1, @$, $2, NULL, NULL); }
  | role text lo_end                     { $$ = ast_level_range(P, $1, @$, $2, $3); }
  | role text hi_end                     { $$ = ast_level_range(P, $1, @$, $2, $3); }
  | role text lo_end hi_end              { $3->hi = $4->hi; $3->hi_open = $4->hi_open;
                                           $$ = ast_level_range(P, $1, @$, $2, $3); }
  | role text range PCT                  { $$ = ast_level_range(P, $1, @$, $2, $3); }
  ;

/* A band's ends (spec §9.1): 'fra A' includes A, 'over A' does not;
 * 'under B' leaves B out, 'til B' takes it in. */
lo_end
  : FROM tarith PCT                      { $$ = ast_range(P, @$, false, $2, NULL, true); }
  | OVER tarith PCT                      { $$ = ast_range(P, @$, true, $2, NULL, true); }
  | ABOVE tarith PCT                     { $$ = ast_range(P, @$, true, $2, NULL, true); }
  ;

hi_end
  : BELOW tarith PCT                     { $$ = ast_range(P, @$, true, NULL, $2, true); }
  | TO tarith PCT                        { $$ = ast_range(P, @$, true, NULL, $2, false); }
  ;

/* A range with open or closed ends (spec §8.1): [85..100], (85..100],
 * [85..), (..100].  An end without a number is unbounded, and written
 * open.  Inside, a comma is a decimal comma: [0,5..2]. */
range
  : range_open opt_tarith DOTDOT opt_tarith range_close
                                         { $$ = range_of(ctx, @$, $1, $2, $4, $5); }
  | range_open tarith ',' tarith DOTDOT opt_tarith range_close
                                         { $$ = comma_in_range(ctx, @$, $2, $4, $1, $2, $6, $7); }
  | range_open opt_tarith DOTDOT tarith ',' tarith range_close
                                         { $$ = comma_in_range(ctx, @$, $4, $6, $1, $2, $4, $7); }
  ;

range_open
  : '['                                  { $$ = false; }
  | '('                                  { $$ = true; }
  ;

range_close
  : ']'                                  { $$ = false; }
  | ')'                                  { $$ = true; }
  ;

opt_tarith
  : %empty                               { $$ = NULL; }
  | tarith
  ;

role
  : MET                                  { $$ = ROLE_MET; }
  | PARTLY                               { $$ = ROLE_PARTLY; }
  | NOT MET                              { $$ = ROLE_NOT_MET; }
  | UNKNOWN                              { $$ = ROLE_UNKNOWN; }
  ;

/* ---- areas, initiatives, goals ---- */

area_body
  : %empty                               { $$ = ast_area_new(P); }
  | area_body initiative                 { $$ = ast_area_init($1, $2); }
  | area_body COMMENT text               { $$ = ast_area_comment(P, $1, $3); }
  | area_body STATUS status_rule         { $$ = ast_area_status($1, $3); }
  | area_body WEIGHT tarith              { $$ = ast_area_weight($1, $3, @3); }
  | area_body error                      { $$ = $1; }
  ;

initiative
  : INITIATIVE label text '{' init_body '}'
                                         { $$ = ast_init_finish($5, $2, @2, $3, @$); }
  ;

init_body
  : %empty                               { $$ = ast_init_new(P); }
  | init_body goal                       { $$ = ast_init_goal($1, $2); }
  | init_body COMMENT text               { $$ = ast_init_text(P, $1, II_COMMENT, $3); }
  | init_body RESULT text                { $$ = ast_init_text(P, $1, II_RESULT, $3); }
  | init_body SOURCEREF text             { $$ = ast_init_source($1, $3, @$); }
  | init_body STATUS status_rule         { $$ = ast_init_status($1, $3); }
  | init_body WEIGHT tarith              { $$ = ast_init_weight($1, $3, @3); }
  | init_body error                      { $$ = $1; }
  ;

/* The status of an initiative, a focus area or the agreement (spec §9.5,
 * §9.7, §9.8); the checker says which rules fit where. */
status_rule
  : ALL                                  { $$ = ast_rule(P, AGG_ALL, @1); }
  | WORST                                { $$ = ast_rule(P, AGG_WORST, @1); }
  | ANY                                  { $$ = ast_rule(P, AGG_ANY, @1); }
  | GOAL label                           { $$ = ast_rule_goal(P, $2, @2); }
  | GOAL goal_names                      { $$ = $2; }
  | GOALS goal_names                     { $$ = $2; }
  | role text                            { $$ = ast_rule_manual(P, $1, $2, @1); }
  | ATLEAST INT_LIT OF INT_LIT rule_unit MET
                                         { $$ = ast_rule_atleast(P, $2, @2, $4, @4, (rule_unit)$5, @5, @$); }
  | AT LEAST INT_LIT OF INT_LIT rule_unit MET
                                         { $$ = ast_rule_atleast(P, $3, @3, $5, @5, (rule_unit)$6, @6, @$); }
  | WEIGHTED                             { $$ = ast_rule(P, AGG_WEIGHTED, @1); }
  | WEIGHTED BY SCHEME name              { $$ = ast_rule_scheme(ast_rule(P, AGG_WEIGHTED, @1), $4, @4, @$); }
  ;

/* 'status mål a og b', 'status mål a, b og c' (spec §9.5): two or more
 * goals, commas between them and 'og' before the last. */
goal_names
  : goal_name_seq AND label              { $$ = ast_rule_goal_add(P, $1, $3, @3); }
  ;

goal_name_seq
  : label                                { $$ = ast_rule_goal(P, $1, @1); }
  | goal_name_seq ',' label              { $$ = ast_rule_goal_add(P, $1, $3, @3); }
  ;

rule_unit
  : GOAL                                 { $$ = RU_GOALS; }
  | GOALS                                { $$ = RU_GOALS; }
  | INITIATIVES                          { $$ = RU_INITIATIVES; }
  | AREAS                                { $$ = RU_AREAS; }
  ;

goal
  : GOAL label text '{' goal_items '}'   { $$ = ast_goal(P, $2, @2, $3, @$, $5); }
  ;

goal_items
  : %empty                               { $$ = NULL; }
  | goal_items goal_item                 { $$ = ast_goal_item_add($1, $2); }
  | goal_items error                     { $$ = $1; }
  ;

goal_item
  : MEASURE measure                      { $$ = ast_goal_item(P, GI_MEASURE, @$, $2, NULL, @2, ROLE_MET); }
  | TARGET target                        { $$ = ast_goal_item(P, GI_TARGET, @$, $2, NULL, @2, ROLE_MET); }
  | TARGET target IN period              { $$ = ast_goal_item(P, GI_TARGET, @$, ast_target_in($2, $4), NULL, @2, ROLE_MET); }
  | TARGET target FROM period            { $$ = ast_goal_item(P, GI_TARGET, @$, ast_target_from($2, $4), NULL, @2, ROLE_MET); }
  | BASELINE measure                     { $$ = ast_goal_item(P, GI_BASELINE, @$, $2, NULL, @2, ROLE_MET); }
  | BASELINE number opt_unit             { $$ = ast_baseline_value(P, @$, $2, $3); }
  | BASELINE '-' number opt_unit         { $$ = ast_baseline_value(P, @$, op(ctx, E_NEG, $3, NULL, NULL, @$), $4); }
  | BASELINE IDENT opt_unit              { $$ = ast_baseline_value(P, @$, ast_name(P, $2, @2), $3); }
  | BASELINE '(' tarith ')' opt_unit     { $$ = ast_baseline_value(P, @$, $3, $5); }
  | ASSESSED BY name                     { $$ = ast_goal_item(P, GI_ASSESSED, @$, NULL, $3, @3, ROLE_MET); }
  | ASSESSED OF name                     { $$ = ast_goal_item(P, GI_ASSESSED, @$, NULL, $3, @3, ROLE_MET); }
  | RESULT text                          { $$ = ast_goal_item(P, GI_RESULT, @$, NULL, $2, @2, ROLE_MET); }
  | COMMENT text                         { $$ = ast_goal_item(P, GI_COMMENT, @$, NULL, $2, @2, ROLE_MET); }
  | SOURCEREF text                       { $$ = ast_goal_item(P, GI_SOURCE, @$, NULL, $2, @2, ROLE_MET); }
  | SCHEME name                          { $$ = ast_goal_item(P, GI_SCHEME, @$, NULL, $2, @2, ROLE_MET); }
  | BY by_dims                           { $$ = ast_goal_by(P, @$, $2); }
  | STATUS role text                     { $$ = ast_goal_item(P, GI_STATUS, @$, NULL, $3, @3, $2); }
  | EXCLUDE MISSING                      { $$ = ast_goal_item(P, GI_EXCLUDE_MISSING, @$, NULL, NULL, @2, ROLE_MET); }
  | WEIGHT tarith                        { $$ = ast_weight_item(P, @$, $2); }
  ;

measure
  : measure_core
  | measure_core AS unit                 { $$ = ast_measure_as($1, $3, @3); }
  | AVERAGE OVER name OF measure_core    { $$ = ast_measure_over($5, $3, @3); }
  | AVERAGE OVER name OF measure_core AS unit
                                         { $$ = ast_measure_as(ast_measure_over($5, $3, @3), $7, @7); }
  ;

measure_core
  : COUNT name opt_where                 { $$ = ast_measure(P, M_COUNT, @$, NULL, @1, $2, @2, $3); }
  | COUNT DISTINCT name OF name opt_where
                                         { $$ = ast_measure(P, M_DISTINCT, @$, $3, @3, $5, @5, $6); }
  | SHARE OF name WHERE expr             { $$ = ast_measure(P, M_SHARE, @$, NULL, @1, $3, @3, $5); }
  | SUM name OF name opt_where           { $$ = ast_measure(P, M_SUM, @$, $2, @2, $4, @4, $5); }
  | AVERAGE name OF name opt_where       { $$ = ast_measure(P, M_AVG, @$, $2, @2, $4, @4, $5); }
  | MIN name OF name opt_where           { $$ = ast_measure(P, M_MIN, @$, $2, @2, $4, @4, $5); }
  | MAX name OF name opt_where           { $$ = ast_measure(P, M_MAX, @$, $2, @2, $4, @4, $5); }
  | VALUE name OF name opt_where         { $$ = ast_measure(P, M_VALUE, @$, $2, @2, $4, @4, $5); }
  /* a field through a reference as the measured column (spec §5.9) */
  | COUNT DISTINCT FIELD_REF OF name opt_where
                                         { $$ = ast_measure(P, M_DISTINCT, @$, $3, @3, $5, @5, $6); }
  | SUM FIELD_REF OF name opt_where      { $$ = ast_measure(P, M_SUM, @$, $2, @2, $4, @4, $5); }
  | AVERAGE FIELD_REF OF name opt_where  { $$ = ast_measure(P, M_AVG, @$, $2, @2, $4, @4, $5); }
  | MIN FIELD_REF OF name opt_where      { $$ = ast_measure(P, M_MIN, @$, $2, @2, $4, @4, $5); }
  | MAX FIELD_REF OF name opt_where      { $$ = ast_measure(P, M_MAX, @$, $2, @2, $4, @4, $5); }
  | INDICATOR text PERIOD period OF name
                                         { $$ = ast_indicator(P, @$, $2, $4, $6, @6); }
  | RATIO ratio_term '/' ratio_term OF name opt_where
                                         { $$ = ast_ratio(P, @$, $2, @2, $4, @4, $6, @6, $7); }
  | DONE OF name                         { $$ = ast_measure(P, M_DONE, @$, NULL, @1, $3, @3, NULL); }
  ;

/* ---- breakdowns (spec §11) ---- */

/* per SIDE [og SIDE]: a column, a field through a reference, the month,
 * quarter or year of one, or a banding's name; bands in brackets. */
by_dims
  : by_dim
  | by_dims AND by_dim                   { $$ = ast_by_dim_add($1, $3); }
  ;

by_dim
  : by_base
  | by_base '(' bands ')'                { $1->bands = $3; $1->sp = ast_span($1->sp, @4); $$ = $1; }
  ;

by_base
  : by_col                               { $$ = ast_by_dim(P, @$, BYF_VALUE, $1, @1, NULL); }
  | MONTHS OF by_col                     { $$ = ast_by_dim(P, @$, BYF_MONTH, $3, @3, NULL); }
  | QUARTER OF by_col                    { $$ = ast_by_dim(P, @$, BYF_QUARTER, $3, @3, NULL); }
  | YEARS OF by_col                      { $$ = ast_by_dim(P, @$, BYF_YEAR, $3, @3, NULL); }
  ;

by_col
  : name
  | FIELD_REF
  ;

bands
  : band
  | bands ',' band                       { $$ = ast_band_add($1, $3); }
  ;

band
  : band_range
  | STRING band_range                    { $2->label = $1; $2->sp = @$; $$ = $2; }
  ;

/* 16-24, 30-, -15.  "16-24,25-29" reads 24,25 as one decimal number:
 * said so, not guessed (spec §11.1).  Or a range with open or closed
 * ends, as a target's (§8.1): [16..25), [2,5..5], [30..). */
band_range
  : range                                { $$ = ast_band_range(P, @$, $1); }
  | band_end '-' band_end                { $$ = ast_band(P, @$, NULL, $1, $3); }
  | band_end '-'                         { $$ = ast_band(P, @$, NULL, $1, NULL); }
  | '-' band_end                         { $$ = ast_band(P, @$, NULL, NULL, $2); }
  | band_end '-' DEC_LIT '-' band_end    { band_comma(ctx, @3, $3); $$ = ast_band(P, @$, NULL, $1, $5); }
  | band_end '-' DEC_LIT '-'             { band_comma(ctx, @3, $3); $$ = ast_band(P, @$, NULL, $1, NULL); }
  ;

band_end
  : INT_LIT | DEC_LIT | LABEL
  ;

/* A ratio's numerator or denominator (§7.11): a column's sum, or the
 * number of rows (NULL). */
ratio_term
  : SUM name                             { $$ = $2; }
  | COUNT                                { $$ = NULL; }
  ;

target
  : AT LEAST tarith opt_unit             { $$ = ast_target(P, C_AT_LEAST, @$, $3, NULL, $4, @4, NULL); }
  | ATLEAST tarith opt_unit              { $$ = ast_target(P, C_AT_LEAST, @$, $2, NULL, $3, @3, NULL); }
  | AT MOST tarith opt_unit              { $$ = ast_target(P, C_AT_MOST, @$, $3, NULL, $4, @4, NULL); }
  | ATMOST tarith opt_unit               { $$ = ast_target(P, C_AT_MOST, @$, $2, NULL, $3, @3, NULL); }
  | EXACTLY tarith opt_unit              { $$ = ast_target(P, C_EXACTLY, @$, $2, NULL, $3, @3, NULL); }
  | BETWEEN tarith AND tarith opt_unit   { $$ = ast_target(P, C_BETWEEN, @$, $2, $4, $5, @5, NULL); }
  | ABOUT tarith opt_unit                { $$ = ast_target(P, C_ABOUT, @$, $2, NULL, $3, @3, NULL); }
  | ABOUT tarith opt_unit TOLERANCE tarith PCT
                                         { $$ = ast_target(P, C_ABOUT, @$, $2, NULL, $3, @3, $5); }
  | ABOUT tarith opt_unit about_side     { $$ = ast_target_side(ast_target(P, C_ABOUT, @$, $2, NULL, $3, @3, NULL), $4, @4); }
  | ABOUT tarith opt_unit about_side TOLERANCE tarith PCT
                                         { $$ = ast_target_side(ast_target(P, C_ABOUT, @$, $2, NULL, $3, @3, $6), $4, @4); }
  | OVER tarith opt_unit                 { $$ = ast_target(P, C_OVER, @$, $2, NULL, $3, @3, NULL); }
  | ABOVE tarith opt_unit                { $$ = ast_target(P, C_OVER, @$, $2, NULL, $3, @3, NULL); }
  | BELOW tarith opt_unit                { $$ = ast_target(P, C_UNDER, @$, $2, NULL, $3, @3, NULL); }
  | range opt_unit                       { $$ = ast_target_range(P, @$, $1, $2, @2); }
  | REDUCE BY tarith opt_unit            { $$ = ast_target(P, C_REDUCE, @$, $3, NULL, $4, @4, NULL); }
  | INCREASE BY tarith opt_unit          { $$ = ast_target(P, C_INCREASE, @$, $3, NULL, $4, @4, NULL); }
  | MAINTAIN                             { $$ = ast_target(P, C_MAINTAIN, @$, NULL, NULL, NULL, @1, NULL); }
  | BY deadline                          { $$ = ast_target(P, C_BY, @$, $2, NULL, NULL, @2, NULL); }
  | DEADLINE deadline                    { $$ = ast_target(P, C_BY, @$, $2, NULL, NULL, @2, NULL); }
  ;

/* The side of 'about' (§8.2): 'eller flere' / 'or more', ... */
about_side
  : OR MORE                              { $$ = SIDE_MORE; }
  | OR FEWER                             { $$ = SIDE_FEWER; }
  | OR LESS                              { $$ = SIDE_LESS; }
  | EITHER_WAY                           { $$ = SIDE_BOTH; }
  ;

/* A milestone's deadline (§8.9): a date, the last day of a year, or a
 * parameter. */
deadline
  : DATE_LIT                             { $$ = ast_date(P, $1, @1); }
  | ULTIMO year                          { $$ = op(ctx, E_ULTIMO, $2, NULL, NULL, @$); }
  | name                                 { $$ = ast_name(P, $1, @1); }
  | number                               /* an error the checker explains */
  ;

/* Numbers of targets and bounds: arithmetic on numbers and parameters. */
tarith
  : tarith '+' tarith                    { $$ = op(ctx, E_ADD, $1, $3, NULL, @$); }
  | tarith '-' tarith                    { $$ = op(ctx, E_SUB, $1, $3, NULL, @$); }
  | tarith '*' tarith                    { $$ = op(ctx, E_MUL, $1, $3, NULL, @$); }
  | tarith '/' tarith                    { $$ = op(ctx, E_DIV, $1, $3, NULL, @$); }
  | '-' tarith %prec UMINUS              { $$ = op(ctx, E_NEG, $2, NULL, NULL, @$); }
  | tprimary
  ;

/* A period: 2009, "2009-H1", or a parameter. */
period
  : tprimary
  | STRING                               { $$ = ast_str(P, $1, @1); }
  | MONTH_LIT                            { $$ = ast_month(P, $1, @1); }
  | QUARTER_LIT                          { $$ = ast_quarter(P, $1, @1); }
  ;

tprimary
  : number
  | name                                 { $$ = ast_name(P, $1, @1); }
  | '(' tarith ')'                       { $$ = deeper(ctx, $2, @$); }
  ;

opt_where
  : %empty                               { $$ = NULL; }
  | WHERE expr                           { $$ = $2; }
  ;

/* ---- tests of the rules ---- */

test_items
  : %empty                               { $$ = NULL; }
  | test_items test_item                 { $$ = ast_test_item_add($1, $2); }
  | test_items error                     { $$ = $1; }
  ;

test_item
  : RULES text                           { $$ = ast_test_item(P, TI_RULES, @$, NULL, $2, NULL, ROLE_MET); }
  | DATA name '=' CSV text               { $$ = ast_test_item(P, TI_DATA_FILE, @$, $2, $5, NULL, ROLE_MET); }
  | DATA name '=' ROWS lines             { $$ = ast_test_item(P, TI_DATA_ROWS, @$, $2, NULL, $5, ROLE_MET); }
  | PARAM name '=' arith                 { $$ = ast_test_item(P, TI_PARAM, @$, $2, NULL, $4, ROLE_MET); }
  | EXPECT goal_ref role                 { $$ = ast_test_item(P, TI_EXPECT, @$, $2, NULL, NULL, $3); }
  | EXPECT goal_ref role text            { $$ = ast_test_item(P, TI_EXPECT, @$, $2, $4, NULL, $3); }
  | EXPECT above_ref role                { $$ = ast_test_item(P, TI_EXPECT, @$, $2, NULL, NULL, $3); }
  ;

/* The status of a focus area or the agreement (spec §9.7, §9.8, §12.11),
 * with the ids of 'maal explain': område:N / area:N, aftale / agreement. */
above_ref
  : AGREEMENT
  | AREA ':' label                       { $$ = cat3(ctx, $1, ":", $3); }
  | IDENT ':' label                      { $$ = cat3(ctx, $1, ":", $3); }
  ;

/* Inline data: one text a CSV line, the header first. */
lines
  : STRING                               { $$ = ast_str(P, $1, @1); }
  | lines STRING                         { $$ = ast_list_add($1, ast_str(P, $2, @2)); }
  ;

/* A goal or initiative id: 1.1-a, "F3.1.A-5-a", 1.1 */
goal_ref
  : label
  | label '-' IDENT                      { $$ = cat3(ctx, $1, "-", $3); }
  ;

/* ---- expressions ---- */

expr
  : expr OR expr                         { $$ = op(ctx, E_OR, $1, $3, NULL, @$); }
  | expr AND expr                        { $$ = op(ctx, E_AND, $1, $3, NULL, @$); }
  | NOT expr                             { $$ = op(ctx, E_NOT, $2, NULL, NULL, @$); }
  | arith '=' arith                      { $$ = op(ctx, E_EQ, $1, $3, NULL, @$); }
  | arith NE arith                       { $$ = op(ctx, E_NE, $1, $3, NULL, @$); }
  | arith '<' arith                      { $$ = op(ctx, E_LT, $1, $3, NULL, @$); }
  | arith LE arith                       { $$ = op(ctx, E_LE, $1, $3, NULL, @$); }
  | arith '>' arith                      { $$ = op(ctx, E_GT, $1, $3, NULL, @$); }
  | arith GE arith                       { $$ = op(ctx, E_GE, $1, $3, NULL, @$); }
  | arith IN '(' literals ')'            { $$ = op(ctx, E_IN, $1, $<e>4, NULL, @$); }
  | arith NOT IN '(' literals ')'        { $$ = op(ctx, E_NOTIN, $1, $<e>5, NULL, @$); }
  | arith BETWEEN arith AND arith        { $$ = op(ctx, E_BETWEEN, $1, $3, $5, @$); }
  | arith IS MISSING                     { $$ = op(ctx, E_MISSING, $1, NULL, NULL, @$); }
  | arith IS NOT MISSING                 { $$ = op(ctx, E_PRESENT, $1, NULL, NULL, @$); }
  | arith MISSING                        { $$ = op(ctx, E_MISSING, $1, NULL, NULL, @$); }
  | arith PRESENT                        { $$ = op(ctx, E_PRESENT, $1, NULL, NULL, @$); }
  | arith IN within                      { $$ = op(ctx, E_WITHIN, $1, $3, NULL, @$); }
  | arith NOT IN within                  { $$ = op(ctx, E_NOT, op(ctx, E_WITHIN, $1, $4, NULL, @$), NULL, NULL, @$); }
  | arith
  | has
  ;

/* ---- related rows and windows (spec §5.10) ---- */

/* har [mindst N | højst N | ingen] NAME [WINDOW] [hvor COMPARISON | hvor ( COND )]:
 * the condition after 'hvor' is one comparison or a bracket, so an 'og'
 * after it is never silently its (op() reports the two readings). */
has
  : HAS quant name window                { $$ = ast_has(P, @$, $2->at_most, $2->name, $3, @3, $4, $4 ? $4->where : NULL, NULL, false); }
  | HAS quant name window WHERE has_cond { $$ = ast_has(P, @$, $2->at_most, $2->name, $3, @3, $4, $4 ? $4->where : NULL, $6,
                                             bracketed(ctx, @6)); }
  ;

quant
  : %empty                               { $$ = quant(ctx, false, NULL); }
  | ATLEAST INT_LIT                      { $$ = quant(ctx, false, $2); }
  | AT LEAST INT_LIT                     { $$ = quant(ctx, false, $3); }
  | ATMOST INT_LIT                       { $$ = quant(ctx, true, $2); }
  | AT MOST INT_LIT                      { $$ = quant(ctx, true, $3); }
  | NO                                   { $$ = quant(ctx, true, "0"); }
  ;

direction
  : AFTER                                { $$ = T_NONE; }
  | BEFORE                               { $$ = T_BOOL; }
  ;

/* The anchor X rides in the window's `where` until ast_has takes it. */
window
  : %empty                               { $$ = NULL; }
  | IN ATLEAST INT_LIT OF THE INT_LIT MONTHS direction arith
                                         { $$ = win(ctx, W_AT_LEAST, $8, $3, $6, false, @$, $9); }
  | IN AT LEAST INT_LIT OF THE INT_LIT MONTHS direction arith
                                         { $$ = win(ctx, W_AT_LEAST, $9, $4, $7, false, @$, $10); }
  | IN ALL THE INT_LIT MONTHS direction arith
                                         { $$ = win(ctx, W_AT_LEAST, $6, $4, $4, false, @$, $7); }
  | IN ALL OF THE INT_LIT MONTHS direction arith
                                         { $$ = win(ctx, W_AT_LEAST, $7, $5, $5, false, @$, $8); }
  | IN THEMONTH direction arith          { $$ = win(ctx, W_AT_LEAST, $3, "1", "1", false, @$, $4); }
  | IN THE MONTHS direction arith        { $$ = win(ctx, W_AT_LEAST, $4, "1", "1", false, @$, $5); }
  | WITHIN INT_LIT MONTHS direction arith { $$ = win(ctx, W_WITHIN, $4, "1", $2, false, @$, $5); }
  | WITHIN INT_LIT DAYS direction arith  { $$ = win(ctx, W_WITHIN, $4, "1", $2, true, @$, $5); }
  | IN INT_LIT CONSECUTIVE MONTHS WITHIN THE INT_LIT MONTHS AFTER arith
                                         { $$ = win(ctx, W_CONSECUTIVE, T_NONE, $2, $7, false, @$, $10); }
  ;

has_cond
  : arith '=' arith                      { $$ = op(ctx, E_EQ, $1, $3, NULL, @$); }
  | arith NE arith                       { $$ = op(ctx, E_NE, $1, $3, NULL, @$); }
  | arith '<' arith                      { $$ = op(ctx, E_LT, $1, $3, NULL, @$); }
  | arith LE arith                       { $$ = op(ctx, E_LE, $1, $3, NULL, @$); }
  | arith '>' arith                      { $$ = op(ctx, E_GT, $1, $3, NULL, @$); }
  | arith GE arith                       { $$ = op(ctx, E_GE, $1, $3, NULL, @$); }
  | arith IN '(' literals ')'            { $$ = op(ctx, E_IN, $1, $<e>4, NULL, @$); }
  | arith NOT IN '(' literals ')'        { $$ = op(ctx, E_NOTIN, $1, $<e>5, NULL, @$); }
  | arith BETWEEN arith AND arith        { $$ = op(ctx, E_BETWEEN, $1, $3, $5, @$); }
  | arith IS MISSING                     { $$ = op(ctx, E_MISSING, $1, NULL, NULL, @$); }
  | arith IS NOT MISSING                 { $$ = op(ctx, E_PRESENT, $1, NULL, NULL, @$); }
  | arith MISSING                        { $$ = op(ctx, E_MISSING, $1, NULL, NULL, @$); }
  | arith PRESENT                        { $$ = op(ctx, E_PRESENT, $1, NULL, NULL, @$); }
  | arith
  ;

/* The period of 'X i P' (spec §5.11): a year, a quarter, a month, or the
 * agreement's period. */
within
  : INT_LIT                              { $$ = ast_num(P, $1, @1); }
  | MONTH_LIT                            { $$ = ast_month(P, $1, @1); }
  | QUARTER_LIT                          { $$ = ast_quarter(P, $1, @1); }
  | PERIODEN                             { $$ = ast_op(P, E_PERIOD, NULL, NULL, NULL, @1); }
  | THE PERIOD                           { $$ = ast_op(P, E_PERIOD, NULL, NULL, NULL, @$); }
  ;

literals
  : arith                                { $<e>$ = $1; }
  | literals ',' arith                   { $<e>$ = ast_list_add($<e>1, $3); }
  ;

arith
  : arith '+' arith                      { $$ = op(ctx, E_ADD, $1, $3, NULL, @$); }
  | arith '-' arith                      { $$ = op(ctx, E_SUB, $1, $3, NULL, @$); }
  | arith '*' arith                      { $$ = op(ctx, E_MUL, $1, $3, NULL, @$); }
  | arith '/' arith                      { $$ = op(ctx, E_DIV, $1, $3, NULL, @$); }
  | '-' arith %prec UMINUS               { $$ = op(ctx, E_NEG, $2, NULL, NULL, @$); }
  | arith '+' number DAYS                { $$ = op(ctx, E_ADD, $1, ast_duration(P, $3, 'd', ast_span(@3, @4)), NULL, @$); }
  | arith '+' number WEEKS               { $$ = op(ctx, E_ADD, $1, ast_duration(P, $3, 'w', ast_span(@3, @4)), NULL, @$); }
  | arith '+' number MONTHS              { $$ = op(ctx, E_ADD, $1, ast_duration(P, $3, 'm', ast_span(@3, @4)), NULL, @$); }
  | arith '+' number YEARS               { $$ = op(ctx, E_ADD, $1, ast_duration(P, $3, 'y', ast_span(@3, @4)), NULL, @$); }
  | arith '-' number DAYS                { $$ = op(ctx, E_SUB, $1, ast_duration(P, $3, 'd', ast_span(@3, @4)), NULL, @$); }
  | arith '-' number WEEKS               { $$ = op(ctx, E_SUB, $1, ast_duration(P, $3, 'w', ast_span(@3, @4)), NULL, @$); }
  | arith '-' number MONTHS              { $$ = op(ctx, E_SUB, $1, ast_duration(P, $3, 'm', ast_span(@3, @4)), NULL, @$); }
  | arith '-' number YEARS               { $$ = op(ctx, E_SUB, $1, ast_duration(P, $3, 'y', ast_span(@3, @4)), NULL, @$); }
  | primary
  ;

primary
  : literal
  | name                                 { $$ = ast_name(P, $1, @1); }
  | FIELD_REF                            { $$ = ast_field(P, $1, @1); }
  | '(' expr ')'                         { $$ = deeper(ctx, $2, @$); }
  | time_fn
  ;

/* Time from dates (spec §5.11): 'måned af start', 'dage fra A til B'. */
time_fn
  : MONTHS OF primary                    { $$ = op(ctx, E_MONTH_OF, $3, NULL, NULL, @$); }
  | QUARTER OF primary                   { $$ = op(ctx, E_QUARTER_OF, $3, NULL, NULL, @$); }
  | YEARS OF primary                     { $$ = op(ctx, E_YEAR_OF, $3, NULL, NULL, @$); }
  | DAYS FROM primary TO primary         { $$ = op(ctx, E_DAYS_FROM, $3, $5, NULL, @$); }
  | WORKDAYS FROM primary TO primary     { $$ = op(ctx, E_WORKDAYS_FROM, $3, $5, NULL, @$); }
  | WORKING DAYS FROM primary TO primary { $$ = op(ctx, E_WORKDAYS_FROM, $4, $6, NULL, @$); }
  | MONTHS FROM primary TO primary       { $$ = op(ctx, E_MONTHS_FROM, $3, $5, NULL, @$); }
  ;

literal
  : number
  | STRING                               { $$ = ast_str(P, $1, @1); }
  | TRUE                                 { $$ = ast_bool(P, true, @1); }
  | FALSE                                { $$ = ast_bool(P, false, @1); }
  | DATE_LIT                             { $$ = ast_date(P, $1, @1); }
  | MONTH_LIT                            { $$ = ast_month(P, $1, @1); }
  | QUARTER_LIT                          { $$ = ast_quarter(P, $1, @1); }
  | ULTIMO year                          { $$ = op(ctx, E_ULTIMO, $2, NULL, NULL, @$); }
  | PRIMO year                           { $$ = op(ctx, E_PRIMO, $2, NULL, NULL, @$); }
  ;

year
  : INT_LIT                              { $$ = ast_num(P, $1, @1); }
  | IDENT                                { $$ = ast_name(P, $1, @1); }
  ;

/* 1.052 and 26.898.526 come as LABEL: a number where a number fits */
number
  : INT_LIT                              { $$ = ast_num(P, $1, @1); }
  | DEC_LIT                              { $$ = number(ctx, $1, @1); }
  | LABEL                                { $$ = number(ctx, $1, @1); }
  ;

%%

static const char *cat(parse_ctx *ctx, const char *a, const char *b) {
  return arena_printf(ctx->prog->arena, "%s%s", a, b);
}

static const char *cat3(parse_ctx *ctx, const char *a, const char *b, const char *c) {
  return arena_printf(ctx->prog->arena, "%s%s%s", a, b, c);
}

/* The one message bison makes itself is "memory exhausted": its stack is
 * full, which only brackets or 'ikke' nested thousands deep can do. */
static void maal_yyerror(MAAL_YYLTYPE *loc, void *scanner, parse_ctx *ctx, const char *msg) {
  (void)scanner;
  (void)msg;
  too_deep(ctx, *loc, false, 0);
}

/* One message for the first expression past the limit; the file is not
 * checked further (each later pass would only repeat it). */
static void too_deep(parse_ctx *ctx, span sp, bool chain, expr_kind k) {
  if (ctx->prog->abandoned) return;
  ctx->prog->abandoned = true;
  const char *word = k == E_AND ? "og/and" : k == E_OR ? "eller/or" : ast_expr_name(k);
  if (chain)
    diag_error(ctx->d, sp, "this expression has too many terms joined by '%s' (at most %d.%03d); split it, "
               "for example into groups built on each other", word, AST_MAX_DEPTH / 1000, AST_MAX_DEPTH % 1000);
  else
    diag_error(ctx->d, sp, "this expression is nested too deeply (at most %d.%03d levels of brackets and operators)",
               AST_MAX_DEPTH / 1000, AST_MAX_DEPTH % 1000);
}

/* A node of an expression; past the depth limit, a located message and
 * the deepest operand instead, so no later pass recurses without bound. */
static expr *op(parse_ctx *ctx, expr_kind k, expr *a, expr *b, expr *c, span sp) {
  if (k == E_AND || k == E_OR) two_readings(ctx, a, b, k);
  expr *e = ast_op(ctx->prog, k, a, b, c, sp);
  if (e->depth <= AST_MAX_DEPTH) return e;
  expr *deepest = a;
  if (b && (!deepest || b->depth > deepest->depth)) deepest = b;
  if (c && (!deepest || c->depth > deepest->depth)) deepest = c;
  too_deep(ctx, sp, deepest && deepest->kind == k, k);
  return deepest;
}

/* Brackets count as a level too: they nest as deep as any operator. */
static expr *deeper(parse_ctx *ctx, expr *e, span sp) {
  if (e->depth + 1 > AST_MAX_DEPTH) {
    too_deep(ctx, sp, false, e->kind);
    return e;
  }
  e->depth++;
  return e;
}

/* "1,5" with the decimals, before a comma only, else NULL: the decimal
 * reading of "2,500" is 2,5; of "12,345" it is 12,3450 to be unambiguous. */
static const char *decimal_reading(parse_ctx *ctx, const char *raw) {
  size_t n = strlen(raw);
  while (n > 0 && raw[n - 1] == '0') n--;
  if (n > 0 && raw[n - 1] == ',') n--;
  if (n < strlen(raw)) return arena_strndup(ctx->prog->arena, raw, n);
  return arena_printf(ctx->prog->arena, "%s0", raw);
}

/* A number with a point or a comma, in the documents' style (spec §2.4):
 * points between groups of exactly three digits, a comma before the
 * decimals.  A point as decimal point, and a comma that could be a
 * thousands separator (2,500), are errors that say what to write. */
static expr *number(parse_ctx *ctx, const char *raw, span sp) {
  size_t n = strlen(raw);
  const char *comma = strchr(raw, ',');
  size_t intlen = comma ? (size_t)(comma - raw) : n;
  switch (ast_number_style(raw, n)) {
  case AST_NUM_OK:
    break;
  case AST_NUM_POINT_DECIMAL: { /* 5.5, 0.25, 12.3456 */
    const char *point = strchr(raw, '.');
    diag_error(ctx->d, sp, "a decimal is written with a comma, not a point: write %.*s,%s", (int)(point - raw), raw,
               point + 1);
    break;
  }
  case AST_NUM_BAD_GROUPS:
    diag_error(ctx->d, sp, "'%s' is not a number: a point separates groups of three digits "
               "(26.898.526), and a decimal is written with a comma (5,5)", raw);
    break;
  case AST_NUM_TWO_READINGS: {
    const char *dec = decimal_reading(ctx, raw);
    size_t shown = strlen(dec); /* 2,5 for 2,500; 12,345 for 12,345 (not 12,3450) */
    if (dec[shown - 1] == '0' && n < shown) shown--;
    diag_error(ctx->d, sp, "%s can be read two ways: %.*s (comma as decimal sign) or %.*s%s (comma between "
               "thousands); write %s or %.*s.%s", raw, (int)shown, dec, (int)intlen, raw, comma + 1,
               dec, (int)intlen, raw, comma + 1);
    break;
  }
  }
  return ast_num(ctx->prog, raw, sp);
}

/* ---- ranges (spec §8.1) ---- */

/* The text of span sp as written. */
#define SRC_AT(sp) (int)((sp).end - (sp).beg), ctx->src + ((sp).beg - ctx->base)

/* A range's ends: an end without a number is unbounded and must be
 * written open, and a range needs at least one number. */
static range_lit *range_of(parse_ctx *ctx, span sp, bool lo_open, expr *lo, expr *hi, bool hi_open) {
  if (!lo && !hi) {
    diag_error(ctx->d, sp, "the range '%.*s' has no end; give at least one number, e.g. [85..100] or [85..)", SRC_AT(sp));
  } else if ((!lo && !lo_open) || (!hi && !hi_open)) {
    const char *s = ctx->src + (sp.beg - ctx->base);
    size_t n = sp.end - sp.beg;
    diag_error(ctx->d, sp, "an end without a number has no bound, so it is open: write %s%.*s%s", !lo ? "(" : "",
               (int)(n - (!lo) - (!hi)), s + (!lo), !hi ? ")" : "");
    diag_note(ctx->d, sp, "'[' and ']' take the number at the end into the range, '(' and ')' leave it out");
    lo_open |= !lo;
    hi_open |= !hi;
  }
  return ast_range(ctx->prog, sp, lo_open, lo, hi, hi_open);
}

/* '[0, 5..2]': a comma in a range, not directly between digits.  It reads
 * as a decimal written with a space (0,5) or as two items (0 and 5);
 * neither is guessed. */
static range_lit *comma_in_range(parse_ctx *ctx, span sp, expr *a, expr *b, bool lo_open, expr *lo, expr *hi, bool hi_open) {
  buf joined = {0};
  const char *s = ctx->src + (sp.beg - ctx->base);
  buf_add(&joined, s, a->sp.end - sp.beg); /* the text without the blanks around the comma */
  buf_addc(&joined, ',');
  buf_add(&joined, s + (b->sp.beg - sp.beg), sp.end - b->sp.beg);
  diag_error(ctx->d, sp, "'%.*s' can be read two ways: %s (comma as decimal sign) or %.*s and %.*s at one end (comma "
             "between items); a range has one number at each end: write %s", SRC_AT(sp), buf_str(&joined),
             SRC_AT(a->sp), SRC_AT(b->sp), buf_str(&joined));
  buf_free(&joined);
  return ast_range(ctx->prog, sp, lo_open, lo, hi, hi_open);
}

/* ---- related rows (spec §5.10) ---- */

/* The column of "COL henviser til" / "COL references" (one token). */
static expr *ref_column(parse_ctx *ctx, const char *text, span sp) {
  size_t n = strcspn(text, " \t");
  return ast_name(ctx->prog, arena_strndup(ctx->prog->arena, text, n), (span){sp.beg, sp.beg + (uint32_t)n});
}

/* The quantifier of a 'har', carried in a rel_expr: at_most and the
 * count's text in `name` (ast_has reads it). */
static rel_expr *quant(parse_ctx *ctx, bool at_most, const char *n) {
  rel_expr *q = ast_window(ctx->prog, W_NONE, false, NULL, NULL, false, (span){0, 0});
  q->at_most = at_most;
  q->name = n;
  return q;
}

static rel_expr *win(parse_ctx *ctx, window_kind w, vtype dir, const char *k, const char *months, bool days, span sp,
                     expr *anchor) {
  rel_expr *x = ast_window(ctx->prog, w, dir == T_BOOL, k, months, days, sp);
  x->where = anchor;
  return x;
}

/* hvor ( ... ): the condition's text is one bracket. */
static bool bracketed(parse_ctx *ctx, span sp) {
  const char *s = ctx->src + (sp.beg - ctx->base);
  size_t n = sp.end - sp.beg;
  if (n < 2 || s[0] != '(' || s[n - 1] != ')') return false;
  int depth = 0;
  for (size_t i = 0; i < n; i++) { /* the first '(' closes at the end, not before */
    depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
    if (depth == 0 && i + 1 < n) return false;
  }
  return true;
}

/* 'har X hvor a = 1 og b = 2' reads two ways: the 'og' may join the
 * whole 'har' with b = 2, or be part of its condition.  Neither is
 * guessed; the message shows both and asks for brackets. */
static void two_readings(parse_ctx *ctx, expr *left, expr *right, expr_kind k) {
  expr *h = left, *from = NULL; /* from: the 'ikke' before the 'har', if any */
  while (h && (h->kind == E_AND || h->kind == E_OR || h->kind == E_NOT)) {
    if (h->kind == E_NOT && !from) from = h;
    if (h->kind != E_NOT) from = NULL;
    h = h->kind == E_NOT ? h->a : h->b;
  }
  if (!h || h->kind != E_HAS || !h->rel->where || h->rel->bracketed) return;
#define AT(off) (ctx->src + ((off) - ctx->base)) /* the text at a file offset */
  uint32_t after = h->sp.end; /* '(har X hvor a = 1) og b': the bracket closes it */
  while (after < right->sp.beg && strchr(" \t\r\n", *AT(after))) after++;
  if (*AT(after) == ')') return;
  const rel_expr *x = h->rel;
  uint32_t beg = from ? from->sp.beg : h->sp.beg;
  const char *word = k == E_AND ? "og" : "eller";
  int head = (int)(x->where->sp.beg - beg);
  int cond = (int)(h->sp.end - x->where->sp.beg);
  int rest = (int)(right->sp.end - right->sp.beg);
  span at = {beg, right->sp.end};
  diag_error(ctx->d, at, "this reads two ways: '(%.*s%.*s) %s %.*s' or '%.*s(%.*s %s %.*s)'; write the brackets you mean",
             head, AT(beg), cond, AT(x->where->sp.beg), word, rest, AT(right->sp.beg),
             head, AT(beg), cond, AT(x->where->sp.beg), word, rest, AT(right->sp.beg));
#undef AT
}

/* "16-24,25-29": the lexer read 24,25 as one decimal number; two bands
 * are meant, and a comma in a band list is followed by a space. */
static void band_comma(parse_ctx *ctx, span sp, const char *dec) {
  const char *comma = strchr(dec, ',');
  int head = comma ? (int)(comma - dec) : (int)strlen(dec);
  diag_error(ctx->d, sp, "'%s' reads as one decimal number here; to end one band at %.*s and start the next at %s, "
             "write a space after the comma: '%.*s, %s'", dec, head, dec, comma ? comma + 1 : "", head, dec,
             comma ? comma + 1 : "");
}

/* A token as a message names it, in the language of messages (msg.h): a
 * keyword as the rule file would write it ('mål' or 'goal'), any other
 * token by what it is ("name", "navn"). */
static const char *token_shown(const char *name) {
  static const char *const words[] = {
      N_("name"), N_("text in quotes"), N_("whole number"), N_("decimal number"), N_("date"),
      N_("number like 1.2.3"), N_("comment"), N_("month"), N_("quarter"), N_("COLUMN henviser til"),
      N_("SOURCE.COLUMN"), N_("end of file"), N_("invalid token")};
  (void)words;
  if (msg_get_lang() != MSG_DA) return name;
  size_t n = strlen(name);
  if (n > 2 && name[0] == '\'' && name[n - 1] == '\'') {
    const char *da = spelling_danish(name + 1, n - 2);
    return da ? da : name;
  }
  return M(name);
}

/* "expected X, Y or Z here, but found W" — the unexpected token first,
 * then what would have fitted (at most six, else it is noise). */
static int yyreport_syntax_error(const yypcontext_t *yc, void *scanner, parse_ctx *ctx) {
  (void)scanner;
  enum { MAX = 7 };
  yysymbol_kind_t expected[YYNTOKENS];
  int n = yypcontext_expected_tokens(yc, expected, YYNTOKENS);
  bool value_fits = false;
  for (int i = 0; i < n; i++) value_fits |= expected[i] == YYSYMBOL_IDENT || expected[i] == YYSYMBOL_INT_LIT;
  yysymbol_kind_t got = yypcontext_token(yc);
  span at = *yypcontext_location(yc);
  buf b = {0};
  if (got == YYSYMBOL_YYEOF)
    buf_adds(&b, T("the file ends too early"));
  else if (at.end > at.beg && at.end - at.beg <= 40 && got != YYSYMBOL_STRING)
    buf_printf(&b, T("unexpected '%.*s'"), (int)(at.end - at.beg), ctx->src + (at.beg - ctx->base)); /* as written */
  else
    buf_printf(&b, T("unexpected %s"), token_shown(yysymbol_name(got)));
  if (n >= MAX && value_fits) {
    buf_adds(&b, T("; expected a name, a number or a text here"));
  } else if (n > 0 && n < MAX) {
    buf_adds(&b, T("; expected "));
    for (int i = 0; i < n; i++) {
      if (i > 0) buf_adds(&b, i == n - 1 ? T(" or ") : ", ");
      buf_adds(&b, token_shown(yysymbol_name(expected[i])));
    }
  }
  diag_error(ctx->d, at, "%s", buf_str(&b));
  /* where a check of the data begins (spec §4.7): 'unik' is expected, but
     not as a name (a soft keyword such as 'periode' would be too) */
  bool unique = false, soft_name = false;
  for (int i = 0; i < n; i++) {
    unique |= expected[i] == YYSYMBOL_UNIQUE;
    soft_name |= expected[i] == YYSYMBOL_PERIOD;
  }
  bool check_start = unique && !soft_name;
  if (check_start && got != YYSYMBOL_YYEOF)
    diag_note(ctx->d, at, "a check is 'unik COLUMN', 'påkrævet COLUMN, ...', 'COLUMN i (...)', 'COLUMN mellem A og B', "
                          "'COLUMN [A..B]' or 'rækker mindst N'");
  buf_free(&b);
  return 0;
}

int maal_yylex_init_extra(parse_ctx *extra, void **scanner);
int maal_yylex_destroy(void *scanner);

static const char *folder(arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return ".";
  return arena_strndup(a, path, (size_t)(slash - path) + (slash == path));
}

/* A byte-order mark (Notepad writes one) is skipped here, where every
 * command's source text enters the lexer; offsets still count it. */
static void skip_bom(parse_ctx *ctx) {
  if (ctx->len >= 3 && !memcmp(ctx->src, "\xEF\xBB\xBF", 3)) {
    ctx->pos = 3;
    ctx->offset += 3;
  }
}

/* The length of the UTF-8 sequence at s (at most n bytes), or 0 if it
 * is not one (overlong forms, surrogates and code points past U+10FFFF
 * included). */
static size_t utf8_len(const unsigned char *s, size_t n) {
  if (s[0] < 0x80) return 1;
  size_t k = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
  if (k == 0 || k > n) return 0;
  for (size_t i = 1; i < k; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  if (s[0] == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
  if (s[0] == 0xED && s[1] >= 0xA0) return 0;  /* surrogate */
  if (s[0] == 0xF0 && s[1] < 0x90) return 0;  /* overlong */
  if (s[0] == 0xF4 && s[1] >= 0x90) return 0;  /* past U+10FFFF */
  return k;
}

/* A rule file is UTF-8 text without NUL bytes.  One message at the first
 * byte that is not (a file saved as Windows-1252 would otherwise give an
 * error at every æ, ø and å), and the file is not parsed. */
static bool is_text(parse_ctx *ctx) {
  const unsigned char *s = (const unsigned char *)ctx->src;
  for (size_t i = ctx->pos; i < ctx->len;) {
    span at = {ctx->base + (uint32_t)i, ctx->base + (uint32_t)i + 1};
    if (s[i] == 0) {
      diag_error(ctx->d, at, "a NUL byte (0x00) in the rule file; a rule file is plain text");
      return false;
    }
    size_t k = utf8_len(s + i, ctx->len - i);
    if (k == 0) {
      diag_error(ctx->d, at, "the file is not UTF-8 text (byte 0x%02X here); a rule file must be saved as UTF-8", s[i]);
      diag_note(ctx->d, at, "Notepad's \"ANSI\" is Windows-1252; save the file with File > Save as, Encoding: UTF-8");
      return false;
    }
    i += k;
  }
  return true;
}

void parse_into(ast_program *p, const char *path, const char *src, size_t len, uint32_t base, diag *d) {
  parse_ctx ctx = {.prog = p, .d = d, .src = src, .len = len, .offset = base, .base = base};
  skip_bom(&ctx);
  if (!is_text(&ctx)) {
    p->abandoned = true;
    return;
  }
  const char *saved = p->dir;
  p->dir = folder(p->arena, path);
  void *scanner;
  if (maal_yylex_init_extra(&ctx, &scanner) != 0) mem_fatal("lexer");
  lex_begin(&ctx, scanner);
  maal_yyparse(scanner, &ctx);
  maal_yylex_destroy(scanner);
  braces_free(&ctx.br);
  p->dir = saved;
}

parse_token *parse_tokens(const char *src, size_t len, ast_program *p, diag *d, size_t *n) {
  parse_ctx ctx = {.prog = p, .d = d, .src = src, .len = len, .keep_comments = true};
  skip_bom(&ctx);
  void *scanner;
  if (maal_yylex_init_extra(&ctx, &scanner) != 0) mem_fatal("lexer");
  lex_begin(&ctx, scanner);
  size_t cap = 256, k = 0;
  parse_token *v = xmalloc(cap * sizeof *v);
  for (;;) {
    MAAL_YYSTYPE val;
    MAAL_YYLTYPE loc;
    int t = maal_yylex(&val, &loc, scanner);
    if (k == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
    v[k].kind = t;
    v[k].sp = loc;
    k++;
    if (t <= 0 || t == MAAL_YYEOF) break;
  }
  maal_yylex_destroy(scanner);
  *n = k;
  return v;
}

ast_program *parse_program(const char *path, const char *src, size_t len, diag *d) {
  ast_program *p = ast_new(path);
  p->main_end = (uint32_t)len;
  parse_into(p, path, src, len, 0, d);
  p->dir = folder(p->arena, path);
  return p;
}

/* ---- checks of the extract (spec §4.7) ---- */

/* The check as written, blanks and line breaks folded to one space: how
 * the report names it. */
static check_item *check_text(parse_ctx *ctx, check_item *it) {
  if (!it) return it;
  const char *s = ctx->src + (it->sp.beg - ctx->base);
  size_t n = it->sp.end - it->sp.beg;
  char *t = arena_alloc(ctx->prog->arena, n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    bool blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
    if (blank) {
      if (k && t[k - 1] != ' ') t[k++] = ' ';
    } else {
      t[k++] = s[i];
    }
  }
  while (k && t[k - 1] == ' ') k--;
  t[k] = 0;
  it->text = t;
  return it;
}

/* A keyword standing as the column of a check: a name (fmt leaves it as written). */
static const char *soft_col(parse_ctx *ctx, const char *name, span sp) {
  if (parse_keyword(name, strlen(name))) return ast_soft_name(ctx->prog, name, sp);
  return name;
}

/* 'alder [16..99]': the present values must lie in the range; its ends
 * say whether the end values themselves do (spec §8.1). */
static check_item *range_check(parse_ctx *ctx, const char *col, span col_sp, range_lit *r, span sp) {
  expr *cond = NULL;
  if (r->lo) cond = op(ctx, r->lo_open ? E_GT : E_GE, ast_name(ctx->prog, col, col_sp), r->lo, NULL, sp);
  if (r->hi) {
    expr *hi = op(ctx, r->hi_open ? E_LT : E_LE, ast_name(ctx->prog, col, col_sp), r->hi, NULL, sp);
    cond = cond ? op(ctx, E_AND, cond, hi, NULL, sp) : hi;
  }
  return ast_check_item(ctx->prog, CK_RANGE, sp, ast_name(ctx->prog, col, col_sp), cond, r, false, NULL);
}
