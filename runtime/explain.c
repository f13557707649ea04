/* explain.c — one goal's status, told step by step in Danish or English. */
#include "explain.h"

#include <string.h>

#include "bands.h"
#include "eval.h"

typedef struct {
  const xpl_options *o;
  buf *b;
} writer;

/* Pick the Danish or the English wording. */
#define L(w, da, en) ((w)->o->english ? (en) : (da))

static void put_num(buf *b, num v, int dec) {
  char s[64];
  num_format_da(v, dec, s, sizeof s);
  buf_adds(b, s);
}

static int decimals(num v) { return num_decimals(v, 3); }

static void put_count(writer *w, int64_t n) {
  put_num(w->b, num_int(n), 0);
  buf_adds(w->b, n == 1 ? L(w, " række", " row") : L(w, " rækker", " rows"));
}

static void put_missing(writer *w, const eval_step *s) {
  buf_adds(w->b, L(w, ", fordi ", ", because "));
  for (size_t i = 0; i < s->nmissing; i++) {
    if (i) buf_adds(w->b, i + 1 == s->nmissing ? L(w, " eller ", " or ") : ", ");
    buf_printf(w->b, "%s %s (", s->missing[i].column, L(w, "mangler", "is missing"));
    put_num(w->b, num_int(s->missing[i].rows), 0);
    buf_addc(w->b, ')');
  }
}

static void put_ids(writer *w, const char *label, char **ids, size_t n) {
  buf_printf(w->b, "%s (%zu):", label, n);
  for (size_t i = 0; i < n; i++) buf_printf(w->b, " %s", ids[i]);
  buf_addc(w->b, '\n');
}

static const rep_row *row_of(const rep_table *t, const char *id) {
  for (size_t i = 0; i < t->nrows; i++)
    if (t->rows[i].kind == ROW_GOAL && !strcmp(t->rows[i].number, id)) return &t->rows[i];
  return NULL;
}

static void steps(writer *w, const diag *dg, const goal *g, const eval_detail *det) {
  const data_decl *d = det->source;
  buf_printf(w->b, "%s %s (%s): ", L(w, "Data:", "Data:"), d->name, d->resolved_path);
  put_count(w, det->rows);
  buf_adds(w->b, ".\n");
  for (size_t s = 0; s < det->nsteps; s++) {
    const eval_step *st = &det->steps[s];
    bool last = s + 1 == det->nsteps;
    if (last && !st->cond) break;
    if (!last) buf_printf(w->b, "%s %s", L(w, "Målgruppe", "Group"), st->what);
    else buf_adds(w->b, L(w, "Målingens betingelse", "The measure's condition"));
    if (st->cond) {
      buf_adds(w->b, ": ");
      diag_text(dg, st->cond->sp, w->b);
    }
    buf_adds(w->b, L(w, ". Af ", ". Of "));
    put_count(w, st->asked);
    buf_adds(w->b, last ? L(w, " i målgruppen opfylder ", " in the group, ") : L(w, " er ", ", "));
    put_num(w->b, num_int(st->yes), 0);
    buf_adds(w->b, last ? L(w, " betingelsen", " meet the condition") : L(w, " med", " are in it"));
    if (st->unknown) {
      buf_adds(w->b, L(w, "; ", "; "));
      put_count(w, st->unknown);
      buf_adds(w->b, last ? L(w, " kan ikke afgøres", " cannot be decided") : L(w, " er udeladt", " are left out"));
      put_missing(w, st);
    }
    buf_adds(w->b, ".\n");
  }
  if (det->value_missing) {
    buf_adds(w->b, L(w, "Værdien mangler i ", "The value is missing in "));
    put_count(w, det->value_missing);
    buf_adds(w->b, L(w, "; de er udeladt af beregningen.\n", "; they are left out of the computation.\n"));
  }
  (void)g;
}

/* What a ratio divides (§7.11), and what it leaves out. */
static void ratio_terms(writer *w, const measure *m, int64_t left_out) {
  const char *cols[2] = {m->num_col, m->den_col};
  buf_adds(w->b, L(w, "Forholdet er ", "The ratio is "));
  for (int i = 0; i < 2; i++) {
    if (i) buf_adds(w->b, " / ");
    if (cols[i]) buf_printf(w->b, "sum %s", cols[i]);
    else buf_adds(w->b, L(w, "antal rækker", "the number of rows"));
  }
  buf_adds(w->b, L(w, " × 100, over de samme rækker.\n", " × 100, over the same rows.\n"));
  if (left_out)
    buf_adds(w->b, L(w, "Rækker, hvor betingelsen ikke kan afgøres eller en værdi mangler, er udeladt af både tæller og nævner.\n",
                        "Rows where the condition cannot be decided or a value is missing are left out of numerator and denominator.\n"));
}

static void numbers(writer *w, const goal *g, const rep_row *row) {
  const rep_numbers *n = row->nums;
  bool pct = g->m->kind == M_SHARE || (g->unit && !strcmp(g->unit, "pct"));
  if (!n->has_value) {
    buf_printf(w->b, "%s %s\n", L(w, "Resultat:", "Result:"), row->result);
    return;
  }
  buf_adds(w->b, L(w, "Resultat: ", "Result: "));
  if (n->has_ratio) {
    put_num(w->b, n->numerator, num_decimals(n->numerator, 9));
    buf_adds(w->b, L(w, " af ", " of "));
    put_num(w->b, n->denominator, num_decimals(n->denominator, 9));
    buf_adds(w->b, L(w, ", svarende til ", ", that is "));
  }
  put_num(w->b, n->value, decimals(n->value));
  if (pct) buf_adds(w->b, " %");
  buf_adds(w->b, ".\n");
  if (n->has_ratio && g->m->kind == M_SHARE) {
    int64_t undecided = n->left_out;
    if (g->exclude_missing)
      buf_adds(w->b, L(w, "Rækker uden oplysning er udeladt af både tæller og nævner (udelad mangler).\n",
                          "Rows without the information are left out of numerator and denominator (exclude missing).\n"));
    else if (undecided)
      buf_adds(w->b, L(w, "Rækker, hvor betingelsen ikke kan afgøres, tæller med i nævneren, men ikke i tælleren.\n",
                          "Rows where the condition cannot be decided count in the denominator, not in the numerator.\n"));
  }
  if (g->m->kind == M_RATIO) ratio_terms(w, g->m, n->left_out);
  if (n->has_baseline) {
    buf_adds(w->b, L(w, "Basis: ", "Baseline: "));
    put_num(w->b, n->baseline, decimals(n->baseline));
    if (pct) buf_adds(w->b, " %");
    buf_adds(w->b, ".\n");
  }
  buf_adds(w->b, L(w, "Krav: ", "Target: "));
  static const char *const da[] = {"mindst", "højst", "præcis", "mellem", "ca.", "højst", "mindst", "mindst"};
  static const char *const en[] = {"at least", "at most", "exactly", "between", "about", "at most", "at least", "at least"};
  int c = (int)g->t->cmp;
  buf_adds(w->b, w->o->english ? en[c] : da[c]);
  buf_addc(w->b, ' ');
  put_num(w->b, n->target, decimals(n->target));
  if (g->t->cmp == C_BETWEEN) {
    buf_adds(w->b, L(w, " og ", " and "));
    put_num(w->b, n->target_high, decimals(n->target_high));
  }
  if (pct) buf_adds(w->b, " %");
  if (g->t->cmp == C_REDUCE || g->t->cmp == C_INCREASE || g->t->cmp == C_MAINTAIN)
    buf_adds(w->b, L(w, " (beregnet fra basis)", " (computed from the baseline)"));
  buf_adds(w->b, ".\n");
  if (!n->has_achievement) {
    buf_adds(w->b, L(w, "Målopfyldelse: over 100 %.\n", "Achievement: over 100 %.\n"));
    return;
  }
  buf_adds(w->b, L(w, "Målopfyldelse: ", "Achievement: "));
  put_num(w->b, n->achievement, 1);
  buf_adds(w->b, " %");
  bool progress = n->has_baseline && (g->t->cmp == C_REDUCE || g->t->cmp == C_INCREASE ||
                                      g->t->cmp == C_AT_LEAST || g->t->cmp == C_AT_MOST) &&
                  num_cmp(n->target, n->baseline) != 0;
  if (progress)
    buf_adds(w->b, L(w, " (hvor langt resultatet er nået fra basis mod kravet)", " (how far the result came from the baseline toward the target)"));
  else if (g->t->cmp == C_AT_MOST)
    buf_adds(w->b, L(w, " (kravet delt med resultatet)", " (the target divided by the result)"));
  else if (g->t->cmp == C_AT_LEAST)
    buf_adds(w->b, L(w, " (resultatet delt med kravet)", " (the result divided by the target)"));
  buf_adds(w->b, ".\n");
}

static void scheme(writer *w, const goal *g, const rep_row *row) {
  const scheme_decl *s = g->scheme;
  buf_printf(w->b, "%s %s:", L(w, "Statusskema", "Status scheme"), s->name);
  for (int r = ROLE_MET; r <= ROLE_NOT_MET; r++) {
    if (!s->has[r]) continue;
    buf_printf(w->b, " \"%s\"", s->label[r]);
    if (s->has_from[r]) {
      buf_adds(w->b, L(w, " fra ", " from "));
      put_num(w->b, s->from[r], decimals(s->from[r]));
      buf_adds(w->b, " %");
    }
    if (s->has_below[r]) {
      buf_adds(w->b, L(w, " under ", " below "));
      put_num(w->b, s->below[r], decimals(s->below[r]));
      buf_adds(w->b, " %");
    }
    if (!s->has_from[r] && !s->has_below[r]) buf_adds(w->b, L(w, " ellers", " otherwise"));
    buf_addc(w->b, r < ROLE_NOT_MET ? ';' : '.');
  }
  buf_printf(w->b, "\n%s \"%s\".\n", L(w, "Det giver", "That gives"), row->status_label);
}

static void put_date(buf *b, int32_t days) {
  char da[11];
  eval_date_da(days, da);
  buf_adds(b, da);
}

/* A milestone (§8.9): its row, its date against the deadline. */
static int milestone(writer *w, ast_program *p, const goal *g, const rep_row *row, FILE *err) {
  eval_milestone ms;
  if (eval_milestone_row(p, g, &ms, err) != 0) return 2;
  const data_decl *d = g->m->source;
  buf_printf(w->b, "Data: %s (%s): ", d->name, d->resolved_path);
  put_count(w, ms.rows);
  buf_adds(w->b, ".\n");
  if (!ms.found) {
    buf_printf(w->b, L(w, "Tabellen har ingen række for mål %s, så målet kan ikke opgøres.\n",
                          "The table has no row for goal %s, so the goal cannot be computed.\n"), g->id);
    buf_printf(w->b, "%s \"%s\".\n", L(w, "Det giver", "That gives"), row->status_label);
    return 0;
  }
  buf_printf(w->b, L(w, "Rækken for mål %s står på linje %u", "The row of goal %s is on line %u"), g->id, ms.line);
  if (ms.done) {
    buf_adds(w->b, L(w, "; færdig ", "; done on "));
    put_date(w->b, ms.date);
  } else {
    buf_adds(w->b, L(w, "; faerdig er tom: ikke færdig", "; faerdig is empty: not done"));
  }
  buf_adds(w->b, L(w, ".\nKrav: senest ", ".\nTarget: by "));
  put_date(w->b, g->t->deadline);
  buf_adds(w->b, ".\n");
  if (!ms.done) buf_adds(w->b, L(w, "Ikke færdig, så målet er ikke opfyldt", "Not done, so the goal is not met"));
  else if (ms.date <= g->t->deadline) buf_adds(w->b, L(w, "Færdig inden fristen, så målet er opfyldt", "Done by the deadline, so the goal is met"));
  else buf_adds(w->b, L(w, "Færdig efter fristen, så målet er ikke opfyldt", "Done after the deadline, so the goal is not met"));
  buf_adds(w->b, L(w, " (statusskemaets grænser gælder ikke for en milepæl).\n", " (a status scheme's bounds do not apply to a milestone).\n"));
  buf_printf(w->b, "%s \"%s\".\n", L(w, "Det giver", "That gives"), row->status_label);
  return 0;
}

/* The breakdown (spec §11): its sides, each part's status and result. */
static void breakdown(writer *w, const goal *g, const rep_table *t, const rep_row *row) {
  static const char *const fn_da[] = {"", "måned af ", "kvartal af ", "år af "};
  static const char *const fn_en[] = {"", "month of ", "quarter of ", "year of "};
  buf_adds(w->b, L(w, "\nOpdeling: per ", "\nBreakdown: by "));
  for (const by_dim *d = g->by_dims; d; d = d->next) {
    if (d != g->by_dims) buf_adds(w->b, L(w, " og ", " and "));
    if (d->banding) buf_printf(w->b, "%s = ", d->banding);
    buf_printf(w->b, "%s%s", L(w, fn_da[d->fn], fn_en[d->fn]), d->column);
    if (d->set) {
      buf_adds(w->b, " (");
      for (size_t i = 0; i < d->set->n; i++) {
        const band *bd = d->set->v[i];
        if (bd->label) buf_printf(w->b, "%s\"%s\" %s", i ? ", " : "", bd->label, bd->ends);
        else buf_printf(w->b, "%s%s", i ? ", " : "", bd->ends);
      }
      buf_adds(w->b, ")");
    }
  }
  bool bands = false;
  for (const by_dim *d = g->by_dims; d; d = d->next) bands |= d->set != NULL;
  if (bands)
    buf_adds(w->b, L(w, ". En værdi uden for alle bånd er i delen \"" BANDS_OTHER "\"",
                        ". A value in no band is in the part \"" BANDS_OTHER "\""));
  size_t n = 0;
  for (const rep_row *r = row + 1; r < t->rows + t->nrows && r->kind == ROW_PART; r++) n++;
  buf_printf(w->b, L(w, ". %zu dele; de er til orientering: målets status er regnet af alle dets rækker.\n",
                        ". %zu parts; they are for information: the goal's status comes from all its rows.\n"), n);
  for (const rep_row *r = row + 1; r < t->rows + t->nrows && r->kind == ROW_PART; r++)
    buf_printf(w->b, "  %s: %s%s%s\n", r->number, r->status_label, *r->result ? ", " : "", r->result);
}

int xpl_explain(ast_program *p, const rep_table *t, const diag *dg, const char *id, const xpl_options *o,
                FILE *out, FILE *err) {
  const goal *g = NULL;
  for (int i = 0; i < p->ngoals; i++)
    if (!strcmp(p->goalv[i]->id, id)) g = p->goalv[i];
  const rep_row *row = row_of(t, id);
  if (!g || !row) {
    fprintf(err, "maal: the agreement has no goal '%s'; its goals are:", id);
    for (int i = 0; i < p->ngoals; i++) fprintf(err, " %s", p->goalv[i]->id);
    fprintf(err, "\n");
    return 3;
  }
  buf b = {0};
  writer w = {o, &b};
  buf_printf(&b, "%s %s: %s\n", L(&w, "Mål", "Goal"), g->id, g->title);
  buf_printf(&b, "Status: %s\n\n", row->status_label);
  if (g->manual || g->assessed) {
    buf_printf(&b, "%s\n", g->manual ? L(&w, "Status er angivet i reglerne, med begrundelsen:", "The status is stated in the rules, with the reason:")
                                     : L(&w, "Status er vurderet i tabellen af vurderinger, med begrundelsen:", "The status is assessed in the table of assessments, with the reason:"));
    buf_printf(&b, "%s\n", row->result);
  } else if (g->m && g->m->kind == M_DONE) {
    int rc = milestone(&w, p, g, row, err);
    if (rc) {
      buf_free(&b);
      return rc;
    }
  } else {
    eval_detail *det = eval_details(p, g, o->rows, err);
    if (!det) {
      buf_free(&b);
      return 2;
    }
    steps(&w, dg, g, det);
    numbers(&w, g, row);
    if (row->nums && row->nums->has_value) scheme(&w, g, row);
    else buf_printf(&b, "%s\n", L(&w, "Målet kan ikke opgøres, så det får status \"Kan ikke opgøres\".", "The goal cannot be computed, so its status is unknown."));
    if (g->by_dims) breakdown(&w, g, t, row);
    if (o->rows) {
      if (!det->id_column) {
        buf_adds(&b, L(&w, "\nKilden har ingen kolonne at nævne rækkerne ved.\n", "\nThe source has no column to name the rows by.\n"));
      } else {
        buf_printf(&b, "\n%s %s:\n", L(&w, "Rækkerne i målgruppen, ved", "The rows of the group, by"), det->id_column);
        put_ids(&w, L(&w, "Talt med", "Counted"), det->counted, det->ncounted);
        put_ids(&w, L(&w, "Ikke talt med", "Not counted"), det->not_counted, det->nnot_counted);
        if (det->nunknown) put_ids(&w, L(&w, "Kan ikke afgøres", "Cannot be decided"), det->unknown, det->nunknown);
      }
    }
    eval_detail_free(det);
  }
  fwrite(buf_str(&b), 1, b.len, out);
  buf_free(&b);
  return 0;
}
