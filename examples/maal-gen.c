/*
** maal-gen.c -- deterministic generator of synthetic citizen extracts
**
** Writes one CSV row per (synthetic) citizen in the shape of the extract
** described in domain.md ("A realistic data extract"), optionally with the
** extra columns the 2007 agreement needs (--schema extended), or a
** person-month panel over two years (--schema panel, as proposed in
** goal-catalogue-notes.md (c)): one row per person per month, with the
** status at month end; or (--schema records) the record tables of one
** synthetic municipality over 2006-2012, one CSV file per table in a folder
** (see "The record tables" in examples/README.md).  Every value comes from a private PRNG (splitmix64 seeding xoshiro256**) and integer
** arithmetic only: no rand(), no time, no locale, no floating point, so the
** output depends on the arguments alone and is byte-identical everywhere.
** In the snapshot schemas row i depends only on the seed and rows 0..i-1, so
** a smaller --rows gives a prefix of a larger one.  The panel is not a prefix
** of a larger panel: one parameter (the contract year's effort, see
** panel_calibrate) is fitted to all persons before any row is written.
**
** The record schema streams: it holds one household, one firm or one staff
** member at a time, so --persons 10000000 needs no more memory than 400.
**
** Exit codes: 0 ok, 1 write error, 2 usage error.
** Known limits: the distributions are plausible, not calibrated against real
** statistics; the panel has no columns beyond the ones its header lists
** (no familie_id, indrejsedato, tilbud_status, ...).
*/

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64 to seed, xoshiro256** to draw                      */
/* ------------------------------------------------------------------ */

typedef struct { uint64_t s[4]; } Rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static void rng_seed(Rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

static uint64_t rng_next(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n), n <= 2^32 (multiply-shift; bias < 2^-32). */
static uint32_t rng_below(Rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi], lo <= hi. */
static long rng_range(Rng *r, long lo, long hi)
{
    return lo + (long)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* True with probability p / 10000. */
static int chance(Rng *r, unsigned p) { return rng_below(r, 10000) < p; }

/* Index drawn with probability w[i] / sum(w); -1 if all weights are 0. */
static int pick(Rng *r, const unsigned *w, int n)
{
    unsigned long total = 0;
    for (int i = 0; i < n; i++) total += w[i];
    if (total == 0) return -1;
    unsigned long x = rng_below(r, (uint32_t)total);
    for (int i = 0; i < n; i++) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------ */
/* Dates as day numbers (days since 1970-01-01, proleptic Gregorian)   */
/* ------------------------------------------------------------------ */

static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Whole calendar months from day a to day b (b >= a). */
static long months_between(long a, long b)
{
    long ya, ma, da, yb, mb, db;
    civil_from_days(a, &ya, &ma, &da);
    civil_from_days(b, &yb, &mb, &db);
    long n = (yb * 12 + mb) - (ya * 12 + ma) - (db < da ? 1 : 0);
    return n < 0 ? 0 : n;
}

/* An empty date (day numbers before 1970 are negative, so not -1). */
#define NO_DATE (-99999999L)

static long max2(long a, long b) { return a > b ? a : b; }
static long min2(long a, long b) { return a < b ? a : b; }

/* ------------------------------------------------------------------ */
/* Value sets (the order is the order of the weight tables below)      */
/* ------------------------------------------------------------------ */

enum { Y_KH, Y_SH, Y_INTRO, Y_DP, Y_SDP, Y_REVAL, Y_LEDY, Y_FLEKS, N_YDELSE };
static const char *const YDELSE[N_YDELSE] = {
    "kontanthjælp", "starthjælp", "introduktionsydelse", "dagpenge",
    "sygedagpenge", "revalidering", "ledighedsydelse", "fleksjob"
};
static const unsigned YDELSE_W[N_YDELSE] = { 400, 60, 40, 220, 160, 30, 40, 50 };
/* --schema extended follows the 2007 agreement, which is mostly about cash benefits. */
static const unsigned YDELSE_W_EXT[N_YDELSE] = { 460, 70, 50, 170, 140, 30, 35, 45 };

enum { H_DANSK, H_VESTLIG, H_IKKEVEST, N_HERKOMST };
static const char *const HERKOMST[N_HERKOMST] = { "dansk", "vestlig", "ikke-vestlig" };
static const unsigned HERKOMST_W[N_YDELSE][N_HERKOMST] = {
    { 50,  6, 44 },  /* kontanthjælp */
    {  5, 15, 80 },  /* starthjælp (also Danes back from abroad) */
    {  0,  5, 95 },  /* introduktionsydelse */
    { 80,  7, 13 },  /* dagpenge */
    { 78,  6, 16 },  /* sygedagpenge */
    { 75,  5, 20 },  /* revalidering */
    { 80,  5, 15 },  /* ledighedsydelse */
    { 85,  5, 10 },  /* fleksjob */
};

enum { HT_DANSK, HT_INDV, HT_EFTERK, N_HTYPE };
static const char *const HTYPE[N_HTYPE] = { "dansk", "indvandrer", "efterkommer" };

/* Age bands 16-17, 18-24, 25-29, 30-39, 40-49, 50-59, 60-66. */
enum { N_ABAND = 7 };
static const int ABAND_LO[N_ABAND] = { 16, 18, 25, 30, 40, 50, 60 };
static const int ABAND_HI[N_ABAND] = { 17, 24, 29, 39, 49, 59, 66 };
static const unsigned ABAND_W[N_YDELSE][N_ABAND] = {
    { 2, 20, 14, 24, 20, 15,  5 },
    { 0, 15, 20, 35, 20,  8,  2 },
    { 0, 20, 25, 35, 15,  5,  0 },
    { 0,  8, 14, 26, 22, 20, 10 },
    { 1,  8, 10, 22, 24, 25, 10 },
    { 0, 10, 15, 30, 28, 15,  2 },
    { 0,  2,  5, 18, 28, 35, 12 },
    { 0,  2,  5, 18, 28, 35, 12 },
};
/* Descendants are young: the band weights are multiplied by these / 10. */
static const unsigned EFTERK_AGE_MUL[N_ABAND] = { 10, 30, 20, 10, 3, 1, 0 };

static const unsigned MATCH_W[N_YDELSE][5] = {
    { 18, 20, 32, 20, 10 },
    { 12, 18, 38, 22, 10 },
    { 12, 18, 38, 22, 10 },
    { 84, 10,  5,  1,  0 },
    { 30, 30, 25, 10,  5 },
    {  5, 30, 45, 15,  5 },
    { 15, 35, 35, 12,  3 },
    { 30, 40, 25,  5,  0 },
};

enum { JC_SKB, JC_MUS, JC_NOR, JC_SYD, N_JC };
static const char *const JOBCENTER[N_JC] = { "Skelbækgade", "Musvågevej", "Nørrebro", "Sydhavnen" };
static const unsigned JC_W[N_JC] = { 30, 25, 25, 20 };

enum { B_TINGBJERG, B_MJOELNER, B_AKACIE, B_LUNDTOFTE, B_ALDERSRO, B_ANDET, N_BOLIG };
static const char *const BOLIG[N_BOLIG] = {
    "Tingbjerg-Utterslevhuse", "Mjølnerparken", "Akacieparken",
    "Lundtoftegade", "Aldersrogade", "andet"
};
static const unsigned BOLIG_W[5] = { 35, 20, 15, 15, 15 };
/* The jobcenter that usually serves each deprived area. */
static const int BOLIG_JC[5] = { JC_MUS, JC_NOR, JC_SKB, JC_NOR, JC_NOR };

enum { U_INGEN, U_GRUND, U_GYM, U_ERHV, U_KVU, U_MVU, U_LVU, N_UDD };
static const char *const UDD[N_UDD] = {
    "ingen", "grundskole", "gymnasial", "erhvervsfaglig",
    "kort videregående", "mellemlang videregående", "lang videregående"
};
static const unsigned UDD_W[4][N_UDD] = {
    { 18, 42, 10, 20,  3,  4,  3 },  /* kontant-/starthjælp, introduktionsydelse */
    {  2, 12,  8, 38,  8, 17, 15 },  /* dagpenge */
    {  3, 22,  7, 40,  6, 14,  8 },  /* sygedagpenge */
    {  4, 30,  6, 40,  5, 11,  4 },  /* revalidering, ledighedsydelse, fleksjob */
};

/* Days between ledighed_start and 31 Dec: bands and weights by ydelse. */
enum { N_LBAND = 5 };
static const int LBAND_LO[N_LBAND] = { 0, 91, 181, 366, 731 };
static const int LBAND_HI[N_LBAND] = { 90, 180, 365, 730, 1094 };
static const unsigned LBAND_W[N_YDELSE][N_LBAND] = {
    { 12, 12, 20, 26, 30 },
    { 12, 14, 24, 26, 24 },
    { 12, 13, 25, 30, 20 },
    { 30, 25, 25, 15,  5 },
    { 35, 30, 20, 12,  3 },
    {  8, 12, 25, 30, 25 },
    { 15, 15, 25, 25, 20 },
    { 10, 10, 20, 25, 35 },
};

enum {
    T_NONE, T_PRAKTIK, T_LOENTILSKUD, T_JOBKLUB, T_MENTOR, T_DANSK, T_VEJLOPKV,
    /* --schema extended only: */
    T_KOMBI, T_INTRO, T_AFKLARING, T_UDDFORB, T_PRAKTIKFORB, T_VARSLSAMT, T_VEJLSAMT,
    N_TILBUD
};
enum { N_TILBUD_DOMAIN = T_KOMBI };
static const char *const TILBUD[N_TILBUD] = {
    "", "virksomhedspraktik", "løntilskud", "jobklub", "mentor", "danskuddannelse",
    "vejledning og opkvalificering", "kombinationsforløb", "introforløb",
    "afklaringsforløb", "uddannelsesforberedende", "praktikforberedelse",
    "varslingssamtale", "vejledningssamtale"
};
/* Per type: duration in days (min, max), P(only offered), P(broken off), per 10000. */
static const int TILBUD_DUR[N_TILBUD][2] = {
    { 0, 0 }, { 28, 91 }, { 91, 365 }, { 14, 56 }, { 91, 365 }, { 180, 720 },
    { 28, 182 }, { 91, 273 }, { 56, 182 }, { 28, 91 }, { 91, 273 }, { 28, 91 },
    { 1, 21 }, { 1, 14 }
};
static const unsigned TILBUD_P_OFFERED[N_TILBUD] = {
    0, 500, 400, 600, 300, 800, 500, 500, 400, 500, 500, 500, 1000, 800
};
static const unsigned TILBUD_P_BROKEN[N_TILBUD] = {
    0, 1500, 1200, 1500, 1200, 2000, 1200, 1500, 1500, 1000, 2000, 1500, 500, 500
};
/* Types of the year's own initiatives: they start within --year. */
static const unsigned char TILBUD_IN_YEAR[N_TILBUD] = {
    0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1
};

enum { S_NONE, S_TILBUDT, S_PAABEGYNDT, S_GENNEMFOERT, S_AFBRUDT };
static const char *const TSTATUS[] = { "", "tilbudt", "påbegyndt", "gennemført", "afbrudt" };

enum { A_NONE, A_JOB, A_UDD, A_ANDEN, A_FLYTTET, A_DOED, N_AFGANG };
static const char *const AFGANG[N_AFGANG] = {
    "", "ordinær beskæftigelse", "uddannelse", "anden forsørgelse", "flyttet", "død"
};
static const unsigned AFGANG_P[N_YDELSE] = { 2600, 2400, 2000, 5000, 5500, 3000, 3000, 1500 };
static const unsigned AFGANG_W[N_YDELSE][N_AFGANG] = {
    { 0, 40, 18, 28, 12, 2 },
    { 0, 38, 15, 25, 20, 2 },
    { 0, 38, 15, 25, 20, 2 },
    { 0, 78,  6,  8,  7, 1 },
    { 0, 70,  2, 22,  3, 3 },
    { 0, 45, 30, 20,  4, 1 },
    { 0, 55,  2, 35,  5, 3 },
    { 0, 20,  2, 60, 10, 8 },
};

enum { V_NONE, V_AFSKED, V_LOFT, V_300, V_UDDFRA, N_VARSLING };
static const char *const VARSLING[N_VARSLING] = {
    "", "afskedigelse", "kontanthjælpsloft", "300_timer", "uddannelsesfrafald"
};

enum { K_INGEN, K_DOEMT, K_INDSAT, N_KRIM };
static const char *const KRIM[N_KRIM] = { "ingen", "dømt", "indsat_udslusning" };

/* Free-text notes: some need quoting (comma, quote, line break, ';'). */
static const char *const NOTE_SPECIAL[] = {
    "Borger siger: \"jeg vil gerne i praktik\", men mangler cykel\nRing igen mandag",
    "Udeblev fra samtale, sendt partshøring\nBorger ringede dagen efter: \"glemte det\"",
    "Lægeattest modtaget; \"kan arbejde 15 timer om ugen\", jf. egen læge",
    "Har fået tilbud om \"Jobklub Nord\", starter mandag kl. 9.00",
    "Aftale med mentor: møde hver tirsdag,\nførste møde i næste uge",
    "Ønsker danskuddannelse, modul 3\n\nBørnepasning ikke på plads",
    "Virksomhed: \"Bager Hansen ApS\", Nørrebrogade\nKontakt: Lise",
    "Tolk nødvendig (arabisk), \"vil gerne arbejde med børn\"",
    "Sygemeldt siden marts; ny lægeattest i maj, opfølgning om 8 uger",
    "Ægtefælle også på kontanthjælp, varslet efter 300-timers-reglen\nSe også sag 2",
    "Siger: \"\"\" er ikke et navn\"; noteret som skrevet",
    "Flyttet til Ørestad, ny adresse:\nAmager Fælledvej 12, 2. th.",
};
static const char *const NOTE_PLAIN[] = {
    "Ønsker job i køkken",
    "Går til møde på jobcentret hver anden uge",
    "Mangler børnepasning",
    "Tager på ferie i påsken",
    "Har været på sprogskole i to år",
    "Søger job som pædagogmedhjælper",
    "Skal til lægen før næste samtale",
    "Taler og skriver godt dansk",
    "Gennemført truckcertifikat",
    "Vil gerne være social- og sundhedshjælper",
    "Får støtte fra sin søster til ansøgninger",
    "Kører taxa om aftenen i weekender",
};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------------ */
/* One citizen                                                         */
/* ------------------------------------------------------------------ */

typedef struct {
    int year;
    int extended;
} Params;

typedef struct {
    int ydelse, herkomst, htype, koen_k, alder, match, jobcenter, bolig;
    int udd, komp, jobplan, sygemeldt, tilbud, tstatus, afgang, besk7;
    long ledighed_start, tilbud_start, tilbud_slut, afgang_dato, ledighed_mdr;
    int64_t kr_cents;   /* øre; 64-bit so the products below never overflow */
    int aegtepar, familie, varsling, krim;
    int miss_alder, miss_match, miss_jobplan;
    const char *note;
} Person;

static int is_cash(int y) { return y == Y_KH || y == Y_SH || y == Y_INTRO; }

/* Weights for the activation offer a person gets; 0 for types the schema lacks. */
static void tilbud_weights(const Params *pp, const Person *p, int udsat, unsigned *w)
{
    int young = p->alder < 30;
    int foreign = p->htype != HT_DANSK;
    memset(w, 0, N_TILBUD * sizeof *w);

    switch (p->ydelse) {
    case Y_KH: case Y_SH: case Y_INTRO:
        w[T_NONE] = 400; w[T_PRAKTIK] = 140; w[T_LOENTILSKUD] = 60;
        w[T_JOBKLUB] = 80; w[T_MENTOR] = 30; w[T_VEJLOPKV] = 100;
        w[T_DANSK] = p->htype == HT_INDV ? 140 : foreign ? 40 : 0;
        break;
    case Y_DP:
        w[T_NONE] = 550; w[T_PRAKTIK] = 60; w[T_LOENTILSKUD] = 100;
        w[T_JOBKLUB] = 80; w[T_MENTOR] = 5; w[T_VEJLOPKV] = 200;
        w[T_DANSK] = p->htype == HT_INDV ? 30 : 0;
        break;
    case Y_SDP:
        w[T_NONE] = 800; w[T_PRAKTIK] = 80; w[T_LOENTILSKUD] = 10;
        w[T_JOBKLUB] = 10; w[T_MENTOR] = 20; w[T_VEJLOPKV] = 80;
        break;
    case Y_REVAL:
        w[T_NONE] = 300; w[T_PRAKTIK] = 200; w[T_LOENTILSKUD] = 100;
        w[T_MENTOR] = 50; w[T_VEJLOPKV] = 350;
        break;
    case Y_LEDY:
        w[T_NONE] = 550; w[T_PRAKTIK] = 150; w[T_LOENTILSKUD] = 20;
        w[T_JOBKLUB] = 100; w[T_MENTOR] = 30; w[T_VEJLOPKV] = 150;
        break;
    default: /* fleksjob */
        w[T_NONE] = 900; w[T_MENTOR] = 50; w[T_VEJLOPKV] = 50;
        break;
    }
    if (p->match == 1) { w[T_JOBKLUB] *= 2; w[T_PRAKTIK] = w[T_PRAKTIK] * 7 / 10; }
    if (p->match >= 4) { w[T_JOBKLUB] /= 5; w[T_MENTOR] *= 3; }
    if (young) { w[T_MENTOR] *= 3; w[T_VEJLOPKV] = w[T_VEJLOPKV] * 3 / 2; }
    if (p->krim != K_INGEN) w[T_MENTOR] *= 4;
    if (p->jobcenter == JC_SKB && young) w[T_MENTOR] = w[T_MENTOR] * 3 / 2;
    if (udsat && is_cash(p->ydelse)) w[T_NONE] = w[T_NONE] * 8 / 10;  /* jobpatruljer */
    if (p->aegtepar) w[T_NONE] = w[T_NONE] * 5 / 2;  /* hard to reach */

    if (!pp->extended) return;

    /* The 2007 agreement's own forløb. */
    if (is_cash(p->ydelse)) {
        /* Fewer ordinary offers: the year's forløb take their place. */
        w[T_NONE] = w[T_NONE] * 6 / 10;
        w[T_PRAKTIK] /= 2; w[T_LOENTILSKUD] /= 2; w[T_JOBKLUB] /= 2;
        w[T_VEJLOPKV] /= 2; w[T_DANSK] /= 2;
        if (p->sygemeldt) w[T_AFKLARING] += 1800;
        if (p->match >= 4) w[T_AFKLARING] += 750;
        if (foreign) w[T_AFKLARING] = w[T_AFKLARING] * 3 / 2;
        if (p->match >= 4) w[T_INTRO] += 800;
        else if (p->match == 3) w[T_INTRO] += 200;
        if (young && !p->komp) w[T_UDDFORB] += foreign ? 3500 : 80;
        if (young) w[T_MENTOR] += p->krim != K_INGEN ? 2000 : 650;
        if (foreign && p->match <= 3) w[T_KOMBI] += 150;
        if (p->alder < 25) w[T_PRAKTIKFORB] += 80;
    } else if (p->ydelse == Y_SDP && p->sygemeldt) {
        w[T_AFKLARING] += 650;  /* arbejdsevneafklaring */
    } else if (young) {
        w[T_MENTOR] += 250;
    }
    if (young) w[T_VEJLSAMT] += 40;
}

/* Monthly benefit in øre at 2007 level, before indexation. */
static int64_t benefit_2007(Rng *r, const Person *p)
{
    int64_t c;
    int forsoerger = p->familie;
    switch (p->ydelse) {
    case Y_KH:
        if (forsoerger) c = 1294800;
        else if (p->alder >= 25) c = 974500;
        else c = chance(r, p->alder < 20 ? 5000 : 2500) ? 310000 : 620000;
        break;
    case Y_SH: case Y_INTRO:
        if (forsoerger) c = 900000;
        else if (p->aegtepar) c = 520000;
        else if (p->alder >= 25) c = 650000;
        else c = chance(r, 3000) ? 300000 : 480000;
        break;
    case Y_DP:
        c = chance(r, 7500) ? 1560000 : rng_range(r, 1100000, 1560000);
        break;
    case Y_SDP:
        c = chance(r, 7000) ? 1560000 : rng_range(r, 900000, 1560000);
        break;
    case Y_REVAL:
        c = p->alder < 25 && chance(r, 6000) ? 780000 : 1560000;
        break;
    case Y_LEDY:
        c = chance(r, 8000) ? 1420000 : rng_range(r, 1100000, 1420000);
        break;
    default:
        c = rng_range(r, 700000, 1300000);
        break;
    }
    if (is_cash(p->ydelse)) {
        if (chance(r, 1800)) c -= c * rng_range(r, 300, 3500) / 10000;  /* earnings deducted */
        if (p->varsling == V_LOFT) c -= c * rng_range(r, 500, 2000) / 10000;  /* the ceiling */
    }
    return c;
}

/* Index 2007 rates by 3 % a year, integer arithmetic with rounding. */
static int64_t index_to_year(int64_t c, int year)
{
    for (int y = 2007; y < year; y++) c = (c * 103 + 50) / 100;
    for (int y = year; y < 2007; y++) c = (c * 100 + 51) / 103;
    return c;
}

static void make_person(Rng *r, const Params *pp, unsigned long idx, Person *p)
{
    const long ref = days_from_civil(pp->year, 12, 31);       /* snapshot date */
    const long y0 = days_from_civil(pp->year, 1, 1);
    const long yprev = days_from_civil(pp->year - 1, 1, 1);
    unsigned w[N_TILBUD];  /* scratch weights; N_TILBUD is the largest table */

    memset(p, 0, sizeof *p);

    /* Who: benefit, origin, sex, age. */
    p->ydelse = pick(r, pp->extended ? YDELSE_W_EXT : YDELSE_W, N_YDELSE);
    p->herkomst = pick(r, HERKOMST_W[p->ydelse], N_HERKOMST);
    if (p->herkomst == H_DANSK) p->htype = HT_DANSK;
    else if (p->ydelse == Y_SH || p->ydelse == Y_INTRO) p->htype = chance(r, 9800) ? HT_INDV : HT_EFTERK;
    else p->htype = chance(r, p->herkomst == H_VESTLIG ? 8000 : 6500) ? HT_INDV : HT_EFTERK;
    {
        static const unsigned K_P[N_YDELSE] = { 4700, 4500, 5000, 4800, 5800, 5000, 5200, 5500 };
        p->koen_k = chance(r, K_P[p->ydelse]);
    }
    for (int i = 0; i < N_ABAND; i++)
        w[i] = ABAND_W[p->ydelse][i] * (p->htype == HT_EFTERK ? EFTERK_AGE_MUL[i] : 10);
    {
        int b = pick(r, w, N_ABAND);
        if (b < 0) b = 1;
        p->alder = (int)rng_range(r, ABAND_LO[b], ABAND_HI[b]);
    }
    p->match = 1 + pick(r, MATCH_W[p->ydelse], 5);

    /* Where: housing area (deprived areas mostly non-Western cash recipients). */
    {
        unsigned pu;
        if (p->herkomst == H_IKKEVEST) pu = is_cash(p->ydelse) ? 2600 : 1000;
        else if (p->herkomst == H_VESTLIG) pu = is_cash(p->ydelse) ? 600 : 250;
        else pu = is_cash(p->ydelse) ? 500 : 200;
        if (chance(r, pu)) {
            p->bolig = pick(r, BOLIG_W, 5);
            p->jobcenter = chance(r, 8500) ? BOLIG_JC[p->bolig] : pick(r, JC_W, N_JC);
            if (p->bolig == B_AKACIE && chance(r, 3000)) p->jobcenter = JC_SYD;
        } else {
            p->bolig = B_ANDET;
            p->jobcenter = pick(r, JC_W, N_JC);
        }
    }
    const int udsat = p->bolig != B_ANDET;

    /* Education: young people and immigrants have less. */
    {
        int g = is_cash(p->ydelse) ? 0 : p->ydelse == Y_DP ? 1 : p->ydelse == Y_SDP ? 2 : 3;
        for (int i = 0; i < N_UDD; i++) w[i] = UDD_W[g][i] * 10;
        if (p->htype == HT_INDV) w[U_INGEN] *= 3;
        if (p->alder < 20) {
            w[U_ERHV] = w[U_KVU] = w[U_MVU] = w[U_LVU] = 0;
            w[U_GYM] /= 3;
        } else if (p->alder < 25) {
            w[U_MVU] = w[U_LVU] = 0;
            w[U_ERHV] /= 2; w[U_KVU] /= 2;
        }
        p->udd = pick(r, w, N_UDD);
        if (p->udd >= U_ERHV) p->komp = chance(r, p->htype == HT_INDV ? 7000 : 9200);
    }

    /* Current spell on benefit: started in the 3 years up to 31 Dec. */
    {
        int b = pick(r, LBAND_W[p->ydelse], N_LBAND);
        p->ledighed_start = ref - rng_range(r, LBAND_LO[b], LBAND_HI[b]);
    }
    const long spell_so_far = months_between(p->ledighed_start, ref);

    /* Family, crime, warnings (columns of --schema extended; drawn always). */
    if ((p->ydelse == Y_KH || p->ydelse == Y_SH) && p->alder >= 20)
        p->aegtepar = chance(r, p->htype == HT_DANSK ? 400 : 1400);
    if (p->alder >= 20 && p->alder <= 55) {
        unsigned pf;
        if (p->aegtepar) pf = 7500;
        else if (p->ydelse == Y_KH) pf = p->koen_k ? 3500 : 1000;
        else pf = p->ydelse == Y_DP ? 3000 : 2500;
        p->familie = chance(r, pf);
    }
    p->krim = K_INGEN;
    if (p->alder >= 18) {
        unsigned pd, pi;
        int ung = p->alder <= 30;
        if (!p->koen_k) { pd = ung ? 1400 : 500; pi = ung ? 400 : 100; }
        else { pd = ung ? 300 : 100; pi = ung ? 50 : 20; }
        if (!is_cash(p->ydelse)) { pd /= 3; pi /= 3; }
        unsigned x = rng_below(r, 10000);
        p->krim = x < pi ? K_INDSAT : x < pi + pd ? K_DOEMT : K_INGEN;
    }
    p->varsling = V_NONE;
    if (p->aegtepar && chance(r, 4000)) p->varsling = V_300;
    else if (p->ydelse == Y_KH && p->alder >= 25 && spell_so_far >= 6 && chance(r, 800)) p->varsling = V_LOFT;
    else if (p->ydelse == Y_DP && spell_so_far < 3 && chance(r, 2500)) p->varsling = V_AFSKED;
    else if (p->alder < 25 && !p->komp && chance(r, 1000)) p->varsling = V_UDDFRA;

    /* Sick leave. */
    {
        static const unsigned S_P[N_YDELSE] = { 1000, 1000, 500, 200, 9700, 800, 1000, 500 };
        unsigned ps = S_P[p->ydelse];
        if (p->match >= 4 && is_cash(p->ydelse)) ps += 1500;
        p->sygemeldt = chance(r, ps);
    }

    /* Activation offer: the warned and the family providers first. */
    p->tilbud = T_NONE;
    if (pp->extended && (p->varsling == V_LOFT || p->varsling == V_300)) {
        p->tilbud = T_VARSLSAMT;
    } else if (pp->extended && p->varsling == V_UDDFRA && chance(r, 9200)) {
        p->tilbud = T_VEJLSAMT;
    } else if (p->familie && p->htype == HT_INDV && chance(r, 9600)) {
        p->tilbud = T_DANSK;
    } else {
        tilbud_weights(pp, p, udsat, w);
        p->tilbud = pick(r, w, N_TILBUD);
    }
    p->tstatus = S_NONE;
    p->tilbud_slut = NO_DATE;
    if (p->tilbud != T_NONE) {
        int t = p->tilbud;
        int dansk_fam = t == T_DANSK && p->familie && p->htype == HT_INDV;
        long lo = p->ledighed_start + 14;
        long from = TILBUD_IN_YEAR[t] || (p->aegtepar && chance(r, 4000)) ? y0 : yprev;
        if (dansk_fam) from = days_from_civil(pp->year, 4, 1);  /* outreach from 1 April */
        lo = min2(max2(lo, from), ref);
        p->tilbud_start = rng_range(r, lo, ref);
        long dmin = TILBUD_DUR[t][0], dmax = TILBUD_DUR[t][1];
        if (dansk_fam) { dmin = 30; dmax = 300; }  /* one module */
        long dur = rng_range(r, dmin, dmax);
        unsigned p_off = dansk_fam ? 4500 : TILBUD_P_OFFERED[t];
        unsigned p_brk = dansk_fam ? 1000 : TILBUD_P_BROKEN[t];
        if (chance(r, p_off)) {
            p->tstatus = S_TILBUDT;
        } else if (chance(r, p_brk)) {
            long end = p->tilbud_start + max2(1, dur * rng_range(r, 10, 80) / 100);
            if (end > ref) p->tstatus = S_PAABEGYNDT;
            else { p->tstatus = S_AFBRUDT; p->tilbud_slut = end; }
        } else if (p->tilbud_start + dur <= ref) {
            p->tstatus = S_GENNEMFOERT; p->tilbud_slut = p->tilbud_start + dur;
        } else {
            p->tstatus = S_PAABEGYNDT;
        }
    }

    /* Leaving benefit during the year; completed offers help. */
    p->afgang = A_NONE;
    p->afgang_dato = NO_DATE;
    {
        unsigned pa = AFGANG_P[p->ydelse];
        if (p->tstatus == S_GENNEMFOERT) pa += 2000;
        if (p->match == 1) pa += 800;
        if (p->match >= 4) pa = pa * 6 / 10;
        long lo = max2(p->ledighed_start + 1, y0);
        if (p->tilbud != T_NONE) lo = max2(lo, p->tilbud_start + 1);
        if (p->tilbud_slut != NO_DATE) lo = max2(lo, p->tilbud_slut);
        if (lo <= ref && chance(r, pa)) {
            for (int i = 0; i < N_AFGANG; i++) w[i] = AFGANG_W[p->ydelse][i] * 10;
            if (p->match == 1) w[A_JOB] = w[A_JOB] * 3 / 2;
            if (p->alder < 30) w[A_UDD] *= 2;
            if (p->alder >= 60) { w[A_ANDEN] *= 4; w[A_DOED] *= 3; w[A_UDD] = 0; }
            if (p->tstatus == S_GENNEMFOERT) { w[A_JOB] = w[A_JOB] * 3 / 2; w[A_UDD] = w[A_UDD] * 3 / 2; }
            p->afgang = pick(r, w, N_AFGANG);
            p->afgang_dato = rng_range(r, lo, ref);
            if (p->tstatus == S_PAABEGYNDT) {  /* left during the offer: it stops */
                p->tstatus = S_AFBRUDT;
                p->tilbud_slut = p->afgang_dato;
            }
        }
    }
    p->ledighed_mdr = months_between(p->ledighed_start, p->afgang_dato != NO_DATE ? p->afgang_dato : ref);

    /* Job plan: nearly all in the deprived areas (jobpatruljer), few minors. */
    {
        unsigned pj;
        if (p->alder < 18) pj = 3000;
        else if (is_cash(p->ydelse)) pj = udsat ? 9300 : 8000;
        else if (p->ydelse == Y_DP) pj = spell_so_far < 3 ? 6000 : 8500;
        else if (p->ydelse == Y_SDP) pj = 6500;
        else pj = 7500;
        if (p->tstatus >= S_PAABEGYNDT) pj += (10000 - pj) / 2;
        p->jobplan = chance(r, pj);
    }

    /* Months in work or education in the 7 months after the offer began. */
    p->besk7 = -1;
    if (p->tilbud != T_NONE) {
        long elapsed = min2(7, months_between(p->tilbud_start, ref));
        long m;
        if (p->afgang == A_JOB || p->afgang == A_UDD)
            m = 7 - months_between(p->tilbud_start, p->afgang_dato);
        else {
            static const unsigned B_W[8] = { 50, 15, 12, 10, 6, 4, 2, 1 };
            m = pick(r, B_W, 8);
        }
        if (p->tilbud == T_LOENTILSKUD && p->tstatus >= S_PAABEGYNDT && chance(r, 3000)) m += 2;
        p->besk7 = (int)max2(0, min2(m, elapsed));
    }

    p->kr_cents = index_to_year(benefit_2007(r, p), pp->year);
    if (p->kr_cents < 100) p->kr_cents = 100;

    {
        unsigned x = rng_below(r, 10000);
        if (x < 300) p->note = NOTE_SPECIAL[rng_below(r, COUNT(NOTE_SPECIAL))];
        else if (x < 700) p->note = NOTE_PLAIN[rng_below(r, COUNT(NOTE_PLAIN))];
        else p->note = "";
    }

    if (idx >= 20) {
        p->miss_alder = chance(r, 100);
        p->miss_match = chance(r, 100);
        p->miss_jobplan = chance(r, 100);
    }
}

/* ------------------------------------------------------------------ */
/* Buffered CSV output                                                 */
/* ------------------------------------------------------------------ */

typedef struct {
    FILE *f;
    char delim;
    int err;
    size_t n;
    char buf[1 << 16];
} Out;

static void out_flush(Out *o)
{
    if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n) o->err = 1;
    o->n = 0;
}

static void out_mem(Out *o, const char *s, size_t len)
{
    if (o->n + len > sizeof o->buf) {
        out_flush(o);
        if (len > sizeof o->buf) {
            if (fwrite(s, 1, len, o->f) != len) o->err = 1;
            return;
        }
    }
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}

static void out_ch(Out *o, char c)
{
    if (o->n == sizeof o->buf) out_flush(o);
    o->buf[o->n++] = c;
}

static void out_sep(Out *o) { out_ch(o, o->delim); }

/* A text field, quoted (RFC 4180) when it holds the delimiter, '"', CR or LF. */
static void out_text(Out *o, const char *s)
{
    size_t len = strlen(s);
    int quote = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == o->delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r') { quote = 1; break; }
    if (!quote) { out_mem(o, s, len); return; }
    out_ch(o, '"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') out_ch(o, '"');
        out_ch(o, s[i]);
    }
    out_ch(o, '"');
}

static void out_uint(Out *o, unsigned long long v)
{
    char tmp[24];
    int k = 0;
    do { tmp[k++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (k) out_ch(o, tmp[--k]);
}

static void out_digits(Out *o, long v, int width)
{
    char tmp[8];
    for (int i = width - 1; i >= 0; i--) { tmp[i] = (char)('0' + v % 10); v /= 10; }
    out_mem(o, tmp, (size_t)width);
}

static void out_date(Out *o, long day)
{
    long y, m, d;
    if (day == NO_DATE) return;  /* empty */
    civil_from_days(day, &y, &m, &d);
    out_digits(o, y, 4); out_ch(o, '-');
    out_digits(o, m, 2); out_ch(o, '-');
    out_digits(o, d, 2);
}

static void out_bool(Out *o, int b) { out_text(o, b ? "ja" : "nej"); }

static void out_cents(Out *o, int64_t c)
{
    out_uint(o, (unsigned long long)(c / 100));
    out_ch(o, '.');
    out_digits(o, c % 100, 2);
}

static const char *const COLS_DOMAIN[] = {
    "person_id", "alder", "koen", "herkomst", "herkomst_type", "ydelse", "matchgruppe",
    "jobcenter", "boligomraade", "udsat_boligomraade", "uddannelse",
    "kompetencegivende_uddannelse", "ledighed_start", "ledighed_mdr", "jobplan",
    "tilbud_type", "tilbud_start", "tilbud_slut", "afgang_aarsag", "afgang_dato",
    "beskaeftiget_mdr_7", "sygemeldt", "ydelse_kr_md", "note"
};
static const char *const COLS_EXTENDED[] = {
    "aegtepar", "familieforsoerget", "varsling", "kriminalitet", "tilbud_status"
};

static void write_header(Out *o, int extended)
{
    for (int i = 0; i < COUNT(COLS_DOMAIN); i++) {
        if (i) out_sep(o);
        out_text(o, COLS_DOMAIN[i]);
    }
    if (extended)
        for (int i = 0; i < COUNT(COLS_EXTENDED); i++) { out_sep(o); out_text(o, COLS_EXTENDED[i]); }
    out_ch(o, '\n');
}

static void write_person(Out *o, const Params *pp, unsigned long long id, const Person *p)
{
    out_uint(o, id); out_sep(o);
    if (!p->miss_alder) out_uint(o, (unsigned long long)p->alder);
    out_sep(o);
    out_text(o, p->koen_k ? "K" : "M"); out_sep(o);
    out_text(o, HERKOMST[p->herkomst]); out_sep(o);
    out_text(o, HTYPE[p->htype]); out_sep(o);
    out_text(o, YDELSE[p->ydelse]); out_sep(o);
    if (!p->miss_match) out_uint(o, (unsigned long long)p->match);
    out_sep(o);
    out_text(o, JOBCENTER[p->jobcenter]); out_sep(o);
    out_text(o, BOLIG[p->bolig]); out_sep(o);
    out_bool(o, p->bolig != B_ANDET); out_sep(o);
    out_text(o, UDD[p->udd]); out_sep(o);
    out_bool(o, p->komp); out_sep(o);
    out_date(o, p->ledighed_start); out_sep(o);
    out_uint(o, (unsigned long long)p->ledighed_mdr); out_sep(o);
    if (!p->miss_jobplan) out_bool(o, p->jobplan);
    out_sep(o);
    out_text(o, TILBUD[p->tilbud]); out_sep(o);
    if (p->tilbud != T_NONE) out_date(o, p->tilbud_start);
    out_sep(o);
    out_date(o, p->tilbud_slut); out_sep(o);
    out_text(o, AFGANG[p->afgang]); out_sep(o);
    out_date(o, p->afgang_dato); out_sep(o);
    if (p->besk7 >= 0) out_uint(o, (unsigned long long)p->besk7);
    out_sep(o);
    out_bool(o, p->sygemeldt); out_sep(o);
    out_cents(o, p->kr_cents); out_sep(o);
    out_text(o, p->note);
    if (pp->extended) {
        out_sep(o); out_bool(o, p->aegtepar);
        out_sep(o); out_bool(o, p->familie);
        out_sep(o); out_text(o, VARSLING[p->varsling]);
        out_sep(o); out_text(o, KRIM[p->krim]);
        out_sep(o); out_text(o, TSTATUS[p->tstatus]);
    }
    out_ch(o, '\n');
}

/* ------------------------------------------------------------------ */
/* --schema panel: one row per person per month                        */
/* ------------------------------------------------------------------ */

/*
** The panel covers the 24 months of --year - 1 and --year.  A person
** appears from the first month of the window in which they are on one of
** the 8 jobcenter benefits (the stock at the first month, or a later
** entrant) and has one row per month, the status at month end, until the
** window ends, or until they move away or die (that month is their last
** row).  Off benefits they stay in the panel (ydelse ingen, SU or
** førtidspension) and may come back.  Each person is simulated month by
** month; for the stock the months of the current spell before the window
** are simulated too (without exits), so ydelse_mdr, running offers and
** beskaeftiget_mdr_7 carry over.  Each person has a PRNG of their own;
** their rows depend on the seed, their index and the one fitted parameter
** (panel_calibrate).
**
** Hazards are per 10000 per month.  The second panel year is the contract
** year: Skelbækgade has better timeliness then, and an effort for non-Western
** cash-benefit recipients whose strength panel_calibrate fits so that their
** kontanthjælp stock there falls about 4 % over the year.  The 2008-2010
** downturn (by calendar month) raises the inflow to and lowers the outflow
** from dagpenge, and lowers the outflow from cash benefits a little.
*/

enum { Y_SU = N_YDELSE, Y_FP, Y_INGEN, N_PYDELSE };
static const char *const PYDELSE[N_PYDELSE] = {
    "kontanthjælp", "starthjælp", "introduktionsydelse", "dagpenge",
    "sygedagpenge", "revalidering", "ledighedsydelse", "fleksjob",
    "SU", "førtidspension", "ingen"
};

/* Benefit of the stock at the first month and of the entrants. */
static const unsigned PY_STOCK_W[N_YDELSE] = { 440, 50, 30, 160, 120, 35, 55, 110 };
static const unsigned PY_INFLOW_W[N_YDELSE] = { 280, 28, 22, 280, 300, 15, 35, 14 };
static const unsigned JC_W_PANEL[N_JC] = { 60, 14, 13, 13 };
/* Akacieparken (Skelbækgade's deprived area) weighs more than in the snapshot. */
static const unsigned BOLIG_W_PANEL[5] = { 30, 15, 30, 10, 15 };

/* Months on benefit before the window (stock): bands 1-3, 4-6, 7-12, 13-24, 25-48. */
static const int PL_LO[5] = { 1, 4, 7, 13, 25 };
static const int PL_HI[5] = { 3, 6, 12, 24, 48 };
static const unsigned PL_W[N_YDELSE][5] = {
    { 14, 13, 18, 25, 30 },
    { 14, 14, 24, 28, 20 },
    { 14, 14, 25, 30, 17 },
    { 30, 25, 25, 15,  5 },
    { 45, 30, 25,  0,  0 },
    {  8, 12, 25, 30, 25 },
    { 15, 15, 25, 25, 20 },
    {  8,  8, 18, 26, 40 },
};

/* Offers of the panel: duration in months (min, max); 0 = not used. */
static const int PT_DUR[N_TILBUD][2] = {
    { 0, 0 }, { 2, 4 }, { 3, 9 }, { 1, 3 }, { 3, 9 }, { 4, 12 },
    { 2, 6 }, { 3, 8 }, { 0, 0 }, { 2, 4 }, { 0, 0 }, { 1, 2 },
    { 0, 0 }, { 0, 0 }
};

/* Enough months for the longest pre-window spell plus the window. */
enum { PANEL_HIST = 48 + 24 + 2 };

typedef struct {
    long p0, pend;      /* first and last month of the window (month index) */
    unsigned effort;    /* contract-year exit multiplier / 100 (see panel_calibrate) */
} PParams;

/* The calibrated group: non-Western kontanthjælp recipients at Skelbækgade,
** counted at the end of each panel year. */
typedef struct { long base, end; } PCount;

typedef struct {
    /* fixed */
    int herkomst, htype, koen_k, jobcenter, bolig, udd, komp, insured, miss_alder;
    long birth_mi;
    /* this month */
    int ydelse, dur, match, jobplan, miss_jobplan, syg, besk, iudd;
    int deltid, reval_udd, last_cash;
    int samt_f, samt_r, tilb_f, tilb_r;
    int tilbud, running, pending;
    long t_start, t_slut, t_start_mi, t_end_mi, last_end_mi;
    int afgang;
    long afgang_dato;
    int left;           /* 1: moved or died this month (last row); 2: gone, no row */
} PState;

/* A person's months: the state at each window month, and for every simulated
** month whether they were in work or education. */
typedef struct {
    long first;                     /* first simulated month */
    long last;                      /* last month with a row */
    unsigned char flag[PANEL_HIST]; /* in work or education at month first + i */
    int nrows;
    long row_mi[24];                /* the months with a row */
    PState row[24];                 /* the state at month end in those months */
} PHist;

enum { BESK_INGEN, BESK_ORD, BESK_STOT };
static const char *const BESK[] = { "ingen", "ordinær", "støttet" };

static int on_jc(int y) { return y < N_YDELSE; }

/* Month index y*12 + (m-1) to the day number of its first day. */
static long mi_day(long mi) { return days_from_civil(mi / 12, mi % 12 + 1, 1); }

/* The 2008-2010 downturn, by calendar month: inflow weight multiplier / 10. */
static unsigned crisis_inflow(long mi)
{
    if (mi >= 2008 * 12 + 6 && mi < 2009 * 12) return 12;
    if (mi >= 2009 * 12 && mi < 2010 * 12) return 18;
    if (mi >= 2010 * 12 && mi < 2011 * 12) return 16;
    return 10;
}
static int in_crisis(long mi) { return mi >= 2009 * 12 && mi < 2011 * 12; }

static int p_age(const PState *s, long mi) { return (int)((mi - s->birth_mi) / 12); }

/* A new spell on benefit y in month mi. */
static void p_begin_spell(Rng *r, PState *s, int y, long mi)
{
    int age = p_age(s, mi);
    s->ydelse = y;
    s->dur = 1;
    if (s->match == 0 || chance(r, 3000)) s->match = 1 + pick(r, MATCH_W[y], 5);
    s->jobplan = chance(r, age < 18 ? 1000 : 3000);
    s->syg = y == Y_SDP ? chance(r, 9700)
           : chance(r, is_cash(y) ? (s->match >= 4 ? 3000 : 1000) : 300);
    s->deltid = (y == Y_KH && chance(r, 500)) || (y == Y_DP && chance(r, 800));
    s->reval_udd = y == Y_REVAL && chance(r, 4000);
    s->afgang = A_NONE;
    s->afgang_dato = NO_DATE;
    s->pending = 0;
    if (is_cash(y)) s->last_cash = y;
}

/* Weights of the offer types for this person this month. */
static void p_tilbud_weights(const PState *s, int age, unsigned *w)
{
    int foreign = s->htype != HT_DANSK;
    memset(w, 0, N_TILBUD * sizeof *w);
    switch (s->ydelse) {
    case Y_KH: case Y_SH: case Y_INTRO:
        w[T_PRAKTIK] = 240; w[T_LOENTILSKUD] = 150; w[T_JOBKLUB] = 120;
        w[T_MENTOR] = 50; w[T_VEJLOPKV] = 170; w[T_PRAKTIKFORB] = 60;
        w[T_DANSK] = s->htype == HT_INDV ? 160 : foreign ? 30 : 0;
        if (s->syg || s->match >= 4) w[T_AFKLARING] = 200;
        if (foreign && s->match <= 3) w[T_KOMBI] = 80;
        if (s->match == 3 || s->match == 4) w[T_JOBKLUB] += 80;  /* jobklubber for match 3-4 */
        break;
    case Y_DP:
        w[T_PRAKTIK] = 80; w[T_LOENTILSKUD] = 250; w[T_JOBKLUB] = 200;
        w[T_VEJLOPKV] = 400; w[T_MENTOR] = 5;
        break;
    case Y_SDP:
        w[T_AFKLARING] = 600; w[T_PRAKTIK] = 200; w[T_VEJLOPKV] = 100;
        break;
    case Y_REVAL:
        w[T_VEJLOPKV] = 500; w[T_PRAKTIK] = 250; w[T_LOENTILSKUD] = 150; w[T_MENTOR] = 50;
        break;
    case Y_LEDY:
        w[T_PRAKTIK] = 400; w[T_JOBKLUB] = 200; w[T_VEJLOPKV] = 200; w[T_LOENTILSKUD] = 50;
        break;
    default: /* fleksjob */
        w[T_MENTOR] = 300; w[T_VEJLOPKV] = 300;
        break;
    }
    if (age < 30) { w[T_MENTOR] *= 3; w[T_PRAKTIKFORB] *= 2; }
    if (s->match == 1) w[T_JOBKLUB] *= 2;
}

/* Monthly hazard of leaving the jobcenter benefits (not moving or dying). */
static unsigned p_exit_hazard(const PParams *pp, const PState *s, long mi)
{
    static const unsigned KH_M[5] = { 650, 420, 290, 180, 110 };
    static const unsigned SH_M[5] = { 450, 330, 220, 140, 80 };
    static const unsigned DP_M[5] = { 1300, 900, 600, 400, 300 };
    unsigned long h;
    int mg = s->match - 1, age = p_age(s, mi);
    switch (s->ydelse) {
    case Y_KH: h = KH_M[mg]; break;
    case Y_SH: case Y_INTRO: h = SH_M[mg]; break;
    case Y_DP: h = DP_M[mg]; break;
    case Y_SDP: h = 1000; break;
    case Y_REVAL: h = 350; break;
    case Y_LEDY: h = 450; break;
    default: h = 60; break;
    }
    if (is_cash(s->ydelse)) {
        if (s->dur <= 6) h = h * 13 / 10;
    }
    if (s->ydelse == Y_DP && s->dur > 12) h = h * 7 / 10;
    if (in_crisis(mi)) {
        if (s->ydelse == Y_DP) h = h * 7 / 10;
        else if (is_cash(s->ydelse)) h = h * 9 / 10;
    }
    if (s->running) {
        if (s->tilbud == T_JOBKLUB) h = h * 15 / 10;
        else h = h * 7 / 10;  /* lock-in */
    } else if (s->tilbud == T_PRAKTIK || s->tilbud == T_LOENTILSKUD || s->tilbud == T_PRAKTIKFORB) {
        if (s->last_end_mi >= 0 && mi - s->last_end_mi <= 3) h = h * 22 / 10;
    }
    if (s->syg && s->ydelse != Y_SDP) h = h * 6 / 10;
    if (age >= 60) h = h * 6 / 10;
    /* The contract year's effort for non-Western cash recipients at Skelbækgade. */
    if (mi > pp->p0 + 11 && s->jobcenter == JC_SKB && s->herkomst == H_IKKEVEST && is_cash(s->ydelse))
        h = h * pp->effort / 100;
    return (unsigned)h;
}

/* Leave benefit in month mi for a reason other than moving or death. */
static void p_exit(Rng *r, PState *s, long mi, int forced_reason)
{
    unsigned w[N_AFGANG];
    int age = p_age(s, mi);
    long d0 = mi_day(mi), d1 = mi_day(mi + 1) - 1;
    int a = forced_reason;
    if (a == A_NONE) {
        for (int i = 0; i < N_AFGANG; i++) w[i] = AFGANG_W[s->ydelse][i] * 10;
        w[A_FLYTTET] = w[A_DOED] = 0;
        if (s->match == 1) w[A_JOB] = w[A_JOB] * 3 / 2;
        if (age < 30) w[A_UDD] *= 2;
        if (age >= 60) { w[A_ANDEN] *= 4; w[A_UDD] = 0; }
        if (s->match >= 4) w[A_ANDEN] *= 2;
        a = pick(r, w, N_AFGANG);
    }
    s->afgang = a;
    s->afgang_dato = rng_range(r, d0, d1);
    if (s->running) {
        s->running = 0;
        s->t_slut = max2(s->afgang_dato, s->t_start);
        s->last_end_mi = mi;
    }
    s->pending = 0;
    s->dur = 0;
    s->jobplan = 0;
    s->syg = 0;
    if (a == A_UDD) s->ydelse = age < 30 && chance(r, 7000) ? Y_SU : Y_INGEN;
    else if (a == A_ANDEN) s->ydelse = age >= 40 && (s->match >= 4 || age >= 55) && chance(r, 6000) ? Y_FP : Y_INGEN;
    else s->ydelse = Y_INGEN;
}

static void p_start_offer(Rng *r, PState *s, long mi)
{
    unsigned w[N_TILBUD];
    long d0 = mi_day(mi), d1 = mi_day(mi + 1) - 1;
    p_tilbud_weights(s, p_age(s, mi), w);
    int t = pick(r, w, N_TILBUD);
    if (t <= 0) return;
    s->tilbud = t;
    s->running = 1;
    s->t_start = rng_range(r, d0, d1);
    s->t_start_mi = mi;
    s->t_end_mi = mi + rng_range(r, PT_DUR[t][0], PT_DUR[t][1]);
    s->t_slut = NO_DATE;
}

/* One month of a person: transitions from last month, then this month's activities. */
static void p_month(Rng *r, const PParams *pp, PState *s, long mi, int first)
{
    const int year2 = mi > pp->p0 + 11;
    const int jks = s->jobcenter == JC_SKB;
    long d0 = mi_day(mi), d1 = mi_day(mi + 1) - 1;
    int age = p_age(s, mi);

    s->samt_f = s->samt_r = s->tilb_f = s->tilb_r = 0;

    if (!first && mi > pp->p0) {
        if (on_jc(s->ydelse)) {
            unsigned pm = 30, pd = age >= 60 ? 40 : age >= 45 ? 12 : 4;
            if (chance(r, pm + pd)) {  /* moved away or died: last row */
                p_exit(r, s, mi, chance(r, pm * 10000 / (pm + pd)) ? A_FLYTTET : A_DOED);
                s->ydelse = Y_INGEN;
                s->left = 1;
            } else if (chance(r, p_exit_hazard(pp, s, mi))) {
                p_exit(r, s, mi, A_NONE);
            } else if (s->ydelse == Y_SDP && s->dur >= 12) {
                /* sygedagpenge end after 52 weeks */
                static const unsigned W[5] = { 35, 35, 10, 10, 10 };
                switch (pick(r, W, 5)) {
                case 0: p_exit(r, s, mi, A_JOB); break;
                case 1: s->ydelse = Y_KH; s->last_cash = Y_KH; break;
                case 2: s->ydelse = Y_LEDY; break;
                case 3: s->ydelse = Y_REVAL; s->reval_udd = chance(r, 4000); break;
                default: p_exit(r, s, mi, A_ANDEN); break;
                }
            } else if ((s->ydelse == Y_DP && s->dur >= 48) || (s->ydelse == Y_INTRO && s->dur >= 36)) {
                s->ydelse = Y_KH;  /* dagpenge used up / introduktionsperiode over */
                s->last_cash = Y_KH;
            }
            if (on_jc(s->ydelse) && !s->left) s->dur++;
        } else {
            if (chance(r, 25)) { s->left = 2; return; }  /* moved away: no more rows */
            unsigned pr;
            if (s->ydelse == Y_FP) pr = 0;
            else if (s->afgang == A_JOB) pr = in_crisis(mi) ? 260 : 180;
            else if (s->afgang == A_UDD) pr = 110;
            else pr = 70;
            if (chance(r, pr)) {
                int y;
                if (s->afgang == A_JOB && chance(r, 2500)) y = Y_SDP;
                else if (s->insured && s->afgang == A_JOB) y = Y_DP;
                else y = s->last_cash;
                p_begin_spell(r, s, y, mi);
            }
        }
    } else if (!first) {
        s->dur++;  /* the stock's spell before the window: no exits */
    }

    if (on_jc(s->ydelse) && !s->left) {
        /* Re-matching, sickness and the job plan. */
        if (!first && chance(r, 150)) {
            int m2 = s->match + (chance(r, 5000) ? 1 : -1);
            if (m2 >= 1 && m2 <= 5) s->match = m2;
        }
        if (s->ydelse == Y_SDP) { if (!s->syg && chance(r, 3000)) s->syg = 1; }
        else if (s->syg) { if (chance(r, is_cash(s->ydelse) ? 1300 : 3000)) s->syg = 0; }
        else if (chance(r, is_cash(s->ydelse) ? (s->match >= 4 ? 450 : 180) : 60)) s->syg = 1;
        if (!s->jobplan && chance(r, age < 18 ? 1200 : s->bolig != B_ANDET ? 5500 : 3500)) s->jobplan = 1;
        s->miss_jobplan = chance(r, 50);

        /* The running offer ends as planned or is broken off. */
        if (s->running && mi > s->t_start_mi && (mi >= s->t_end_mi || chance(r, 150))) {
            s->running = 0;
            s->t_slut = rng_range(r, max2(d0, s->t_start + 1), d1);
            s->last_end_mi = mi;
        }
        /* A new offer: when it falls due, on time or a month late. */
        if (!s->running) {
            static const unsigned DUE[N_YDELSE] = { 3500, 3000, 3000, 1400, 700, 3000, 2000, 300 };
            int min_dur = is_cash(s->ydelse) && age < 30 ? 2 : 3;
            if (s->pending) {
                s->pending = 0;
                p_start_offer(r, s, mi);
            } else if (s->dur >= min_dur && (s->last_end_mi < 0 || mi > s->last_end_mi)
                       && chance(r, DUE[s->ydelse])) {
                unsigned q = year2 && jks ? 9350 : jks ? 9100 : 9250;
                s->tilb_f = 1;
                if (chance(r, q)) { s->tilb_r = 1; p_start_offer(r, s, mi); }
                else s->pending = 1;
            }
        }
        /* Contact interviews: every 3 months (sygedagpenge: every 2), fleksjob none. */
        if (s->ydelse != Y_FLEKS && (s->dur - 1) % (s->ydelse == Y_SDP ? 2 : 3) == 0) {
            unsigned q = year2 && jks ? 9620 : jks ? 9350 : 9450;
            s->samt_f = 1 + chance(r, 400);
            for (int k = 0; k < s->samt_f; k++) s->samt_r += chance(r, q);
        }
    }

    /* Work and education at month end. */
    if (on_jc(s->ydelse)) {
        if (s->running && s->tilbud == T_LOENTILSKUD) s->besk = BESK_STOT;
        else if (s->ydelse == Y_FLEKS) s->besk = BESK_STOT;
        else if (s->deltid) s->besk = BESK_ORD;
        else s->besk = BESK_INGEN;
        s->iudd = s->reval_udd;
    } else if (s->left) {
        s->besk = BESK_INGEN;
        s->iudd = 0;
    } else {
        s->besk = s->afgang == A_JOB ? BESK_ORD : BESK_INGEN;
        s->iudd = s->afgang == A_UDD || s->ydelse == Y_SU;
    }
}

/* Months in work or education in the 7 calendar months after the offer's
** start month, as known at the end of the window (or the person's last row). */
static int p_besk7(const PHist *h, const PState *s)
{
    int n = 0;
    for (long m = s->t_start_mi + 1; m <= s->t_start_mi + 7 && m <= h->last; m++)
        if (m >= h->first && m - h->first < PANEL_HIST) n += h->flag[m - h->first];
    return n;
}

static const char *const COLS_PANEL[] = {
    "person_id", "maaned", "alder", "koen", "herkomst", "herkomst_type", "jobcenter",
    "boligomraade", "udsat_boligomraade", "ydelse", "ydelse_mdr", "matchgruppe",
    "uddannelse", "kompetencegivende_uddannelse", "i_uddannelse", "beskaeftigelse",
    "sygemeldt", "jobplan", "samtaler_forfaldne", "samtaler_rettidige",
    "tilbud_forfaldne", "tilbud_rettidige", "tilbud_type", "tilbud_start", "tilbud_slut",
    "afgang_aarsag", "afgang_dato", "beskaeftiget_mdr_7"
};

static void write_panel_header(Out *o)
{
    for (int i = 0; i < COUNT(COLS_PANEL); i++) {
        if (i) out_sep(o);
        out_text(o, COLS_PANEL[i]);
    }
    out_ch(o, '\n');
}

static void write_panel_row(Out *o, unsigned long long id, const PHist *h, const PState *s, long mi)
{
    int jc = on_jc(s->ydelse);
    out_uint(o, id); out_sep(o);
    out_digits(o, mi / 12, 4); out_ch(o, '-'); out_digits(o, mi % 12 + 1, 2); out_sep(o);
    if (!s->miss_alder) out_uint(o, (unsigned long long)p_age(s, mi));
    out_sep(o);
    out_text(o, s->koen_k ? "K" : "M"); out_sep(o);
    out_text(o, HERKOMST[s->herkomst]); out_sep(o);
    out_text(o, HTYPE[s->htype]); out_sep(o);
    out_text(o, JOBCENTER[s->jobcenter]); out_sep(o);
    out_text(o, BOLIG[s->bolig]); out_sep(o);
    out_bool(o, s->bolig != B_ANDET); out_sep(o);
    out_text(o, PYDELSE[s->ydelse]); out_sep(o);
    out_uint(o, (unsigned long long)(jc ? s->dur : 0)); out_sep(o);
    if (jc) out_uint(o, (unsigned long long)s->match);
    out_sep(o);
    out_text(o, UDD[s->udd]); out_sep(o);
    out_bool(o, s->komp); out_sep(o);
    out_bool(o, s->iudd); out_sep(o);
    out_text(o, BESK[s->besk]); out_sep(o);
    out_bool(o, s->syg); out_sep(o);
    if (!(jc && s->miss_jobplan)) out_bool(o, jc && s->jobplan);
    out_sep(o);
    out_uint(o, (unsigned long long)s->samt_f); out_sep(o);
    out_uint(o, (unsigned long long)s->samt_r); out_sep(o);
    out_uint(o, (unsigned long long)s->tilb_f); out_sep(o);
    out_uint(o, (unsigned long long)s->tilb_r); out_sep(o);
    out_text(o, TILBUD[s->tilbud]); out_sep(o);
    if (s->tilbud != T_NONE) out_date(o, s->t_start);
    out_sep(o);
    if (s->tilbud != T_NONE) out_date(o, s->t_slut);
    out_sep(o);
    out_text(o, AFGANG[s->afgang]); out_sep(o);
    out_date(o, s->afgang_dato); out_sep(o);
    if (s->tilbud != T_NONE) out_uint(o, (unsigned long long)p_besk7(h, s));
    out_ch(o, '\n');
}

/* One person: draw who they are, simulate their months, write the window's rows.
** Each person has a PRNG of their own, seeded from the seed and the index, so a
** change in one person's path never shifts the draws of the persons after.
** With o == NULL nothing is written; only the calibrated group is counted. */
static void panel_person(uint64_t seed, const PParams *pp, unsigned long idx, unsigned long long id,
                         Out *o, PCount *cnt)
{
    static PState st;
    static PHist hist;
    PState *s = &st;
    PHist *h = &hist;
    Rng rng, *r = &rng;
    unsigned w[N_TILBUD];
    long start;
    int y, age;

    rng_seed(r, seed ^ (0xD1B54A32D192ED03ULL * ((uint64_t)idx + 1)));
    memset(s, 0, sizeof *s);
    s->tilbud = T_NONE;
    s->t_start = s->t_slut = s->afgang_dato = NO_DATE;
    s->t_start_mi = s->t_end_mi = s->last_end_mi = -1;

    /* Stock at the first month, or an entrant in a later month (more in the downturn). */
    int stock = chance(r, 4200);
    if (stock) {
        start = pp->p0;
        y = pick(r, PY_STOCK_W, N_YDELSE);
    } else {
        /* Month and benefit jointly: the downturn adds dagpenge entrants. */
        unsigned mw[23], yw[N_YDELSE];
        unsigned other = 0;
        for (int i = 0; i < N_YDELSE; i++) if (i != Y_DP) other += PY_INFLOW_W[i];
        for (int i = 0; i < 23; i++)
            mw[i] = other * 10 + PY_INFLOW_W[Y_DP] * crisis_inflow(pp->p0 + 1 + i);
        start = pp->p0 + 1 + pick(r, mw, 23);
        memcpy(yw, PY_INFLOW_W, sizeof yw);
        for (int i = 0; i < N_YDELSE; i++) yw[i] *= 10;
        yw[Y_DP] = PY_INFLOW_W[Y_DP] * crisis_inflow(start);
        y = pick(r, yw, N_YDELSE);
    }

    /* Who: origin, sex, age (as in the snapshot, a few more non-Western cash
    ** recipients), at most 64 at the start. */
    {
        static const unsigned KH_HERKOMST_W[N_HERKOMST] = { 40, 6, 54 };
        s->herkomst = pick(r, y == Y_KH ? KH_HERKOMST_W : HERKOMST_W[y], N_HERKOMST);
    }
    if (s->herkomst == H_DANSK) s->htype = HT_DANSK;
    else if (y == Y_SH || y == Y_INTRO) s->htype = chance(r, 9800) ? HT_INDV : HT_EFTERK;
    else s->htype = chance(r, s->herkomst == H_VESTLIG ? 8000 : 6500) ? HT_INDV : HT_EFTERK;
    {
        static const unsigned K_P[N_YDELSE] = { 4700, 4500, 5000, 4800, 5800, 5000, 5200, 5500 };
        s->koen_k = chance(r, K_P[y]);
    }
    for (int i = 0; i < N_ABAND; i++)
        w[i] = ABAND_W[y][i] * (s->htype == HT_EFTERK ? EFTERK_AGE_MUL[i] : 10);
    {
        int b = pick(r, w, N_ABAND);
        if (b < 0) b = 1;
        age = (int)rng_range(r, ABAND_LO[b], ABAND_HI[b] > 64 ? 64 : ABAND_HI[b]);
    }
    s->birth_mi = start - (long)age * 12 - rng_range(r, 0, 11);

    /* Where. */
    {
        unsigned pu;
        if (s->herkomst == H_IKKEVEST) pu = is_cash(y) ? 3200 : 1000;
        else if (s->herkomst == H_VESTLIG) pu = is_cash(y) ? 600 : 250;
        else pu = is_cash(y) ? 500 : 200;
        if (chance(r, pu)) {
            s->bolig = pick(r, BOLIG_W_PANEL, 5);
            s->jobcenter = chance(r, 8500) ? BOLIG_JC[s->bolig] : pick(r, JC_W_PANEL, N_JC);
            if (s->bolig == B_AKACIE && chance(r, 3000)) s->jobcenter = JC_SYD;
        } else {
            s->bolig = B_ANDET;
            s->jobcenter = pick(r, JC_W_PANEL, N_JC);
        }
    }

    /* Education. */
    {
        int g = is_cash(y) ? 0 : y == Y_DP ? 1 : y == Y_SDP ? 2 : 3;
        for (int i = 0; i < N_UDD; i++) w[i] = UDD_W[g][i] * 10;
        if (s->htype == HT_INDV) w[U_INGEN] *= 3;
        if (age < 20) {
            w[U_ERHV] = w[U_KVU] = w[U_MVU] = w[U_LVU] = 0;
            w[U_GYM] /= 3;
        } else if (age < 25) {
            w[U_MVU] = w[U_LVU] = 0;
            w[U_ERHV] /= 2; w[U_KVU] /= 2;
        }
        s->udd = pick(r, w, N_UDD);
        if (s->udd >= U_ERHV) s->komp = chance(r, s->htype == HT_INDV ? 7000 : 9200);
    }
    s->insured = y == Y_DP || chance(r, s->htype == HT_DANSK ? 4000 : 2000);
    s->last_cash = Y_KH;
    if (idx >= 20) s->miss_alder = chance(r, 100);
    const int in_group = s->jobcenter == JC_SKB && s->herkomst == H_IKKEVEST;
    if (!o && !in_group) return;

    /* The stock's spell began before the window: not before the person was 16,
    ** and introduktionsydelse lasts at most 36 months. */
    long first = start;
    if (stock) {
        int b = pick(r, PL_W[y], 5);
        long len = rng_range(r, PL_LO[b], y == Y_INTRO && PL_HI[b] > 36 ? 36 : PL_HI[b]);
        long max_len = start - (s->birth_mi + 16 * 12) + 1;
        if (len > max_len) len = max_len < 1 ? 1 : max_len;
        first = start - (len - 1);
    }
    h->first = first;
    h->nrows = 0;
    p_begin_spell(r, s, y, first);

    /* Simulate first, then write: beskaeftiget_mdr_7 looks ahead. */
    for (long mi = first; mi <= pp->pend; mi++) {
        p_month(r, pp, s, mi, mi == first);
        if (s->left == 2) break;
        h->flag[mi - first] = (unsigned char)(s->besk != BESK_INGEN || s->iudd);
        if (cnt && in_group && s->ydelse == Y_KH) {
            if (mi == pp->p0 + 11) cnt->base++;
            else if (mi == pp->pend) cnt->end++;
        }
        if (!o) {
            if (s->left) break;
            continue;
        }
        if (mi >= pp->p0) {
            h->row_mi[h->nrows] = mi;
            h->row[h->nrows++] = *s;
        }
        if (s->left) break;
    }
    if (!o) return;
    h->last = h->nrows ? h->row_mi[h->nrows - 1] : first - 1;
    for (int k = 0; k < h->nrows; k++)
        write_panel_row(o, id, h, &h->row[k], h->row_mi[k]);
}

/*
** Calibrate the contract year's effort at Skelbækgade: the exit multiplier for
** non-Western cash recipients there in the second panel year is chosen so that
** the stock of non-Western kontanthjælp recipients at Skelbækgade falls by
** about 4 % from the end of the first year to the end of the second (at least
** one person when the stock is 10 or more; a smaller stock is only kept from
** rising).  The 2009 contract asks for 5.5 %, so a panel lands near its target.
** The search follows only that group (other persons are drawn but not
** simulated), bisects the multiplier over 0.5-8.0, and keeps the best seen.
*/
static unsigned panel_calibrate(uint64_t seed, PParams *pp, unsigned long long persons)
{
    PCount c;
    long target = -1;
    unsigned lo = 50, hi = 800, best = 100;
    long best_err = -1;
    for (int iter = 0; iter < 9; iter++) {
        unsigned e = iter == 0 ? 100 : (lo + hi) / 2;
        pp->effort = e;
        c.base = c.end = 0;
        for (unsigned long long i = 0; i < persons; i++)
            panel_person(seed, pp, (unsigned long)i, 0, NULL, &c);
        if (target < 0) target = c.base - (c.base >= 10 ? max2(1, (c.base * 4 + 50) / 100) : 0);
        long err = c.end > target ? c.end - target : target - c.end;
        if (best_err < 0 || err < best_err || (err == best_err && e < best)) { best = e; best_err = err; }
        if (c.end > target) lo = e; else hi = e;
        if (hi - lo <= 1) break;
    }
    return best;
}

/* ------------------------------------------------------------------ */
/* --schema records: the record tables of one synthetic municipality   */
/* ------------------------------------------------------------------ */
/*
** One Copenhagen-like municipality, 2006-01 to 2012-12, written as the
** tables an administration holds (examples/README.md, "The record tables",
** lists every column and value).  Persons come in households of one or two
** adults; each household has a PRNG of its own seeded from the seed and the
** household's number, and is simulated month by month from moving in to
** moving away; every event (a course, a placement, an interview, ...) is
** written to its table when it happens.  So memory holds one household, and
** the tables of firms and staff are drawn from PRNGs of their own after the
** persons.  The volumes of firm-side tables (job orders, slots, contacts)
** are the plans' full-scale figures times persons / REC_FULL, at least one
** a year where the plans have any, so every year has rows to count.
*/

enum { RM0 = 2006 * 12, RM1 = 2012 * 12 + 11 };
enum { REC_FULL = 30000 };   /* persons at which the plans' figures hold */

enum { R_INGEN, R_KH, R_SH, R_INTRO, R_DP, R_SDP, R_REVAL, R_LEDY, R_FP, N_RY };
static const char *const RYDELSE[N_RY] = {
    "ingen", "kontanthjælp", "starthjælp", "introduktionsydelse", "dagpenge",
    "sygedagpenge", "revalidering", "ledighedsydelse", "førtidspension"
};
enum { BE_INGEN, BE_ORD, BE_STOET, BE_DELTID, BE_FLEKS };
static const char *const RBESK[] = { "ingen", "ordinær", "støttet", "deltid", "fleksjob" };

static const char *const RUDD[N_UDD] = {
    "ingen", "grundskole", "gymnasial", "erhvervsfaglig", "kvu", "mvu", "lvu"
};

enum {
    F_JOBKLUB, F_UDD6, F_KOMBI, F_INTRO, F_SOCARV, F_PRAKFORB, F_MENTOR, F_DANSK,
    F_HELTUD, F_UTA, F_UDSLUS, F_INTERV, F_JUPAKKE, F_AKTIV, N_FTYPE
};
static const char *const FTYPE[N_FTYPE] = {
    "jobklub", "uddannelse_6_uger", "kombinationsforløb", "introforløb", "social_arv",
    "praktikforberedelse", "mentor", "danskundervisning", "helt_ud", "uta", "udslusning",
    "interventionsteam", "job_og_uddannelsespakke", "aktivering"
};
/* Duration in days (min, max) and P(completed) per 10000. */
static const int FDUR[N_FTYPE][2] = {
    { 35, 35 }, { 42, 42 }, { 91, 273 }, { 56, 120 }, { 91, 182 }, { 28, 91 }, { 91, 91 },
    { 182, 540 }, { 182, 182 }, { 91, 365 }, { 182, 182 }, { 365, 365 }, { 91, 182 },
    { 28, 182 }
};
static const unsigned FDONE[N_FTYPE] = {
    8500, 8500, 7000, 7000, 7500, 7500, 7500, 5500, 7000, 7000, 7000, 8000, 7500, 8000
};
/* P(leaving benefit in the month after a completed course) per 10000: the courses' effect. */
static const unsigned FOUT[N_FTYPE] = {
    5000, 4500, 2000, 1500, 3000, 3500, 2500, 1500, 2500, 3000, 2500, 1500, 3000, 2500
};
static const char *const LEVERANDOER[] = {
    "Jobcenter København", "CAB", "CBSI", "AOF", "A-kassernes jobklub", "TEC",
    "Ungdommens Uddannelsesvejledning", "KVUC"
};

enum { PL_PRAKTIK, PL_LOENT, PL_JOBTR, PL_ELEV, PL_PRAKPLADS, PL_INTEGR, N_PLTYPE };
static const char *const PLTYPE[N_PLTYPE] = {
    "virksomhedspraktik", "løntilskud", "jobtræning", "elevplads", "praktikplads",
    "integrationsstilling"
};

static const char *const KLAGETYPE[] = { "formalitet", "sanktion", "ydelse", "tilbud" };
static const unsigned KLAGETYPE_W[] = { 40, 25, 20, 15 };
static const char *const UDFALD[] = { "medhold", "delvist medhold", "ikke medhold" };
static const unsigned UDFALD_W[] = { 15, 10, 75 };

static const char *const BRANCHE[] = {
    "bygge og anlæg", "transport", "lager", "køkken", "rengøring", "detailhandel",
    "industri", "pleje og omsorg", "kontor og administration"
};
static const char *const FIRM_A[] = {
    "Nord", "Syd", "Øster", "Vester", "Havne", "Amager", "Valby", "Brønshøj", "Sundby",
    "Bispebjerg", "Christians", "Frederiks"
};
static const char *const FIRM_B[] = {
    "Byg", "Transport", "Lager", "Køkken", "Service", "Handel", "Industri", "Pleje", "Kontor"
};

/* Skelbækgade, whose 2009 contract has the most goals, serves the most persons. */
static const unsigned JC_W_REC[N_JC] = { 40, 20, 20, 20 };

_Static_assert(sizeof FIRM_B / sizeof FIRM_B[0] == sizeof BRANCHE / sizeof BRANCHE[0],
               "a firm's name part follows its branche");

typedef struct {
    unsigned long long id, fam;
    long born, indrejst;
    int koen_k, herk, htype, integ, bolig, jc, udd, komp;
    int handicap, psyk, ordblind, crim, couple;
    long in_mi, out_mi;
} RPerson;

typedef struct {
    int y, ymdr, besk, studying, syg, match, jobplan, insured;
    long busy_until;              /* day a course or placement ends: fewer exits before */
    long start_mi;                /* month a course begins: no change of benefit before */
    long stoet_from, stoet_to;    /* months of supported work (løntilskud etc.) */
    long boost_until;             /* month: exit hazard raised after a completed offer */
    long leave_mi;                /* month after a completed offer: leave benefit then... */
    unsigned leave_p;             /* ...with this chance per 10000 */
    unsigned boost;               /* per 100 */
    long pension_mi;              /* month a pension decision takes effect, or -1 */
    int pension_grant, pension_open;
    long notice_end;              /* month a notice period ends, or -1 */
    int notice_job;               /* a new job found in time */
    long stud_until;              /* month an elevplads/praktikplads ends, or -1 */
    int doms, udslust;
    long next_due;                /* ydelse_mdr at which the next offer falls due */
} RState;

/* Every output file of the record schema. */
enum {
    O_PERSONER, O_PANEL, O_FORLOEB, O_PLACERINGER, O_PLADSER, O_JOBORDRER, O_SAMTALER,
    O_KLAGER, O_PENSION, O_VIRKSOMHEDER, O_KONTAKTER, O_VARSLINGER, O_DOMME,
    O_MEDARB, O_MKURSER, N_OUT
};
static const char *const OUT_NAME[N_OUT] = {
    "personer", "panel", "forloeb", "placeringer", "pladser", "jobordrer", "samtaler",
    "klager", "pensionssager", "virksomheder", "virksomhedskontakter", "varslinger",
    "domme", "medarbejdere", "medarbejderkurser"
};
static const char *const OUT_COLS[N_OUT] = {
    "person_id,foedt,koen,herkomst,herkomst_type,integrationslov,indrejst,familie_id,"
    "boligomraade,udsat_boligomraade,jobcenter,uddannelse,kompetencegivende_uddannelse,"
    "handicap,psykisk_syg,ordblind",
    "person_id,maaned,alder,jobcenter,ydelse,ydelse_mdr,matchgruppe,beskaeftigelse,"
    "i_uddannelse,sygemeldt,jobplan",
    "forloeb_id,person_id,type,forfalden,start,slut,gennemfoert,leverandoer,jobcenter",
    "placering_id,person_id,virksomhed_id,type,start,slut,oplaering_timer,arbejds_timer,"
    "jobcenter",
    "plads_id,type,oprettet,nedlagt,virksomhed_id,intern,indkoebsaftale,loensumspulje",
    "jobordre_id,virksomhed_id,modtaget,type,jobcenter,formidlet,besat",
    "samtale_id,person_id,forfalden,afholdt,jobcenter",
    "klage_id,person_id,modtaget,type,afgjort,udfald,jobcenter",
    "sag_id,person_id,modtaget,afgjort,hovedregel,jobcenter",
    "virksomhed_id,navn,branche,nydanske_medarbejdere,indkoebsaftale,konsulentbistand_fra",
    "kontakt_id,virksomhed_id,dato,jobcenter",
    "varsling_id,person_id,virksomhed_id,samarbejde,opsigelse_slut",
    "dom_id,person_id,dato",
    "medarbejder_id,jobcenter,borgerrettet,ansat,fratraadt",
    "kursus_id,medarbejder_id,dato,relevant"
};

typedef struct {
    Out *o[N_OUT];
    unsigned long long next_id[N_OUT];   /* the next row id of each event table */
    unsigned long long persons;          /* persons asked for */
    unsigned long firms;                 /* virksomhed_id 1..firms; 1 = the municipality */
    uint64_t seed;
} Rec;

/* A PRNG of its own for household/firm/staff number n of kind tag. */
static void rec_rng(Rng *r, uint64_t seed, uint64_t tag, uint64_t n)
{
    uint64_t x = seed ^ (tag * 0xD1B54A32D192ED03ULL);
    x += n * 0x9E3779B97F4A7C15ULL;
    rng_seed(r, splitmix64(&x));
}

static long rmi_day(long mi, long d) { return days_from_civil(mi / 12, mi % 12 + 1, d); }
static long rmi_len(long mi) { return rmi_day(mi + 1, 1) - rmi_day(mi, 1); }
static long rday_mi(long day) { long y, m, d; civil_from_days(day, &y, &m, &d); return y * 12 + m - 1; }
static long rand_day(Rng *r, long mi) { return rmi_day(mi, rng_range(r, 1, rmi_len(mi))); }
static long rec_end_day(void) { return days_from_civil(2012, 12, 31); }
/* A date after the tables' last day is not known yet: empty. */
static long known(long day) { return day > rec_end_day() ? NO_DATE : day; }

static int r_age(const RPerson *p, long mi)
{
    long y, m, d;
    civil_from_days(p->born, &y, &m, &d);
    long a = mi / 12 - y;
    if (mi % 12 + 1 < m) a--;   /* age at the end of the month */
    return (int)a;
}

static int r_benefit(int y) { return y != R_INGEN && y != R_FP; }
static int r_cash(int y) { return y == R_KH || y == R_SH || y == R_INTRO; }

static void o_id(Out *o, unsigned long long v) { out_uint(o, v); }
static void o_end(Out *o) { out_ch(o, '\n'); }

/* ---- persons ---- */

static void rec_draw_person(Rng *r, RPerson *p, const RPerson *spouse)
{
    if (spouse) {
        *p = *spouse;
        p->koen_k = !spouse->koen_k;
        p->born = spouse->born + rng_range(r, -2200, 2200);
        int age = r_age(p, p->in_mi);   /* a spouse of working age too */
        if (age < 18 || age > 64) p->born = spouse->born;
        if (p->htype == HT_EFTERK && chance(r, 5000)) { p->htype = HT_INDV; }
    } else {
        static const unsigned hw[N_HERKOMST] = { 58, 7, 35 };
        p->herk = pick(r, hw, N_HERKOMST);
        p->htype = p->herk == H_DANSK ? HT_DANSK : chance(r, 7800) ? HT_INDV : HT_EFTERK;
        p->koen_k = chance(r, 5000);
        p->in_mi = chance(r, 7500) ? RM0 : rng_range(r, RM0 + 1, RM1);
        p->out_mi = chance(r, 2200) ? rng_range(r, p->in_mi, RM1) : RM1;
        int age0 = p->htype == HT_EFTERK ? (int)rng_range(r, 16, 35) : (int)rng_range(r, 16, 62);
        if (age0 < 18 && chance(r, 6000)) age0 += 4;
        p->born = rmi_day(p->in_mi, 1) - age0 * 365L - rng_range(r, 0, 364);
        static const unsigned bw[N_BOLIG] = { 8, 5, 9, 4, 4, 70 };
        int b = pick(r, bw, N_BOLIG);
        if (p->herk == H_IKKEVEST && b == B_ANDET && chance(r, 3500)) b = (int)rng_below(r, 5);
        p->bolig = b;
        p->jc = b != B_ANDET ? BOLIG_JC[b] : pick(r, JC_W_REC, N_JC);
        p->crim = 0;
    }
    p->indrejst = NO_DATE;
    p->integ = 0;
    if (p->htype == HT_INDV && !spouse) {
        if (chance(r, 2500)) {              /* arrives during the period */
            p->indrejst = rand_day(r, p->in_mi);
            p->integ = p->herk == H_IKKEVEST;
        } else {
            long lo = max2(p->born + 16 * 365L, days_from_civil(1975, 1, 1));
            long hi = rmi_day(p->in_mi, 1) - 1;
            p->indrejst = lo < hi ? rng_range(r, lo, hi) : hi;
            p->integ = p->herk == H_IKKEVEST && p->indrejst >= days_from_civil(2003, 1, 1);
        }
    } else if (p->htype == HT_INDV) {
        p->indrejst = spouse->indrejst != NO_DATE ? spouse->indrejst : rmi_day(p->in_mi, 1) - rng_range(r, 400, 7000);
        p->integ = p->herk == H_IKKEVEST && p->indrejst >= days_from_civil(2003, 1, 1);
    }
    static const unsigned uw[2][N_UDD] = {
        { 6, 30, 10, 30, 7, 11, 6 },        /* dansk, vestlig */
        { 20, 38, 10, 17, 5, 6, 4 },        /* ikke-vestlig */
    };
    p->udd = pick(r, uw[p->herk == H_IKKEVEST], N_UDD);
    if (r_age(p, p->in_mi) < 20 && p->udd > U_GYM) p->udd = U_GRUND;
    p->komp = p->udd >= U_ERHV;
    p->handicap = chance(r, 600);
    p->psyk = chance(r, 500);
    p->ordblind = chance(r, 400);
    /* A criminal record, mostly young men; those 18-25 in 2010 are the 2010 plan's target group. */
    int a10 = r_age(p, 2010 * 12);
    if (!spouse && a10 >= 14 && a10 <= 30 && chance(r, p->koen_k ? 800 : a10 <= 26 ? 4500 : 1500)) p->crim = 1;
    else if (spouse) p->crim = 0;
    /* Nobody past 66 on the panel: the person leaves for folkepension. */
    for (long lim = p->out_mi; r_age(p, lim) > 66; lim--) p->out_mi = lim - 1;
    if (p->out_mi < p->in_mi) p->out_mi = p->in_mi;
}

static void rec_write_person(Out *o, const RPerson *p)
{
    o_id(o, p->id); out_sep(o);
    out_date(o, p->born); out_sep(o);
    out_text(o, p->koen_k ? "K" : "M"); out_sep(o);
    out_text(o, HERKOMST[p->herk]); out_sep(o);
    out_text(o, HTYPE[p->htype]); out_sep(o);
    out_bool(o, p->integ); out_sep(o);
    out_date(o, p->indrejst); out_sep(o);
    o_id(o, p->fam); out_sep(o);
    out_text(o, BOLIG[p->bolig]); out_sep(o);
    out_bool(o, p->bolig != B_ANDET); out_sep(o);
    out_text(o, JOBCENTER[p->jc]); out_sep(o);
    out_text(o, RUDD[p->udd]); out_sep(o);
    out_bool(o, p->komp); out_sep(o);
    out_bool(o, p->handicap); out_sep(o);
    out_bool(o, p->psyk); out_sep(o);
    out_bool(o, p->ordblind);
    o_end(o);
}

/* ---- the person's months ---- */

static int r_draw_match(Rng *r, int y)
{
    static const unsigned w[N_RY][5] = {
        { 0, 0, 0, 0, 0 }, { 18, 22, 32, 18, 10 }, { 12, 20, 38, 20, 10 }, { 12, 20, 38, 20, 10 },
        { 84, 10, 5, 1, 0 }, { 30, 30, 25, 10, 5 }, { 5, 30, 45, 15, 5 }, { 15, 35, 35, 12, 3 },
        { 0, 0, 0, 0, 0 },
    };
    return r_benefit(y) ? pick(r, w[y], 5) + 1 : 0;
}

/* The benefit a person falls back on when leaving work or study. */
static int r_fallback(const RPerson *p, const RState *s, long mi)
{
    if (p->integ && p->indrejst != NO_DATE && mi < rday_mi(p->indrejst) + 36) return R_INTRO;
    if (s->insured) return R_DP;
    if (p->htype == HT_INDV && p->indrejst != NO_DATE && p->herk != H_IKKEVEST &&
        mi < rday_mi(p->indrejst) + 84) return R_SH;
    return R_KH;
}

static void r_enter(Rng *r, RState *s, int y)
{
    if (y != s->y) s->ymdr = 0;
    s->y = y;
    s->match = r_draw_match(r, y);
    s->jobplan = 0;
    if (r_benefit(y)) {
        s->besk = chance(r, y == R_DP || y == R_KH ? 500 : 0) ? BE_DELTID : BE_INGEN;
        s->studying = 0;
        s->syg = y == R_SDP || (y == R_KH && chance(r, 1200));
    } else if (y == R_FP) {
        s->besk = BE_INGEN; s->studying = 0; s->syg = 0;
    }
    s->next_due = 0;
}

static void r_start(Rng *r, const RPerson *p, RState *s)
{
    memset(s, 0, sizeof *s);
    s->pension_mi = s->notice_end = s->stud_until = s->leave_mi = -1;
    s->insured = chance(r, p->herk == H_DANSK ? 6000 : 3500);
    int age = r_age(p, p->in_mi);
    if (p->integ && p->indrejst != NO_DATE && p->in_mi < rday_mi(p->indrejst) + 36) {
        r_enter(r, s, chance(r, 8500) ? R_INTRO : R_INGEN);
        if (s->y == R_INGEN) s->besk = BE_ORD;
    } else {
        unsigned w[N_RY] = { 420, 200, 10, 0, 90, 60, 20, 25, 45 };
        if (p->herk == H_IKKEVEST) { w[R_KH] = 380; w[R_SH] = 40; w[R_DP] = 50; }
        if (p->crim) w[R_KH] += 400;
        if (age < 25) { w[R_FP] = 5; w[R_LEDY] = 3; }
        if (p->handicap || p->psyk) { w[R_FP] += 120; w[R_LEDY] += 40; w[R_REVAL] += 30; }
        r_enter(r, s, pick(r, w, N_RY));
        if (s->y == R_INGEN) {
            int studying = age < 30 && chance(r, 2500);
            s->studying = studying;
            s->besk = studying ? BE_INGEN : chance(r, 1000) ? BE_DELTID : chance(r, 300) ? BE_FLEKS : BE_ORD;
        }
    }
    if (r_benefit(s->y) && p->in_mi == RM0) {
        static const int hi[N_RY] = { 0, 60, 40, 30, 30, 12, 24, 24, 0 };
        s->ymdr = s->y == R_INTRO ? (int)(RM0 - rday_mi(p->indrejst))   /* since arrival */
                                  : (int)rng_range(r, 0, hi[s->y] - 1);
        s->jobplan = chance(r, 7000);
        s->next_due = s->ymdr + (int)rng_range(r, 1, 6);   /* the stock's offers spread out */
    }
}

/* Move to benefit y; to y = R_INGEN with work status besk, studying or not. */
static void r_go(Rng *r, RState *s, int y, int besk, int studying)
{
    r_enter(r, s, y);
    if (y == R_INGEN) { s->besk = besk; s->studying = studying; s->syg = 0; }
}

/* Exit hazard per 10000 from a benefit this month. */
static unsigned r_exit_hazard(const RPerson *p, const RState *s, long mi)
{
    static const unsigned kh_match[6] = { 0, 600, 380, 250, 140, 60 };
    unsigned h;
    int crisis = mi >= 2009 * 12 && mi < 2011 * 12;
    switch (s->y) {
    case R_KH: case R_SH: h = kh_match[s->match ? s->match : 3]; if (s->ymdr > 12) h = h * 7 / 10; break;
    case R_INTRO: h = 260; break;
    case R_DP: h = crisis ? 480 : 750; break;
    case R_SDP: h = 1000; break;
    case R_REVAL: h = 400; break;
    case R_LEDY: h = 500; break;
    default: return 0;
    }
    if (s->syg && s->y != R_SDP) h /= 3;
    if (mi <= s->boost_until) h = h * s->boost / 100;
    /* The 2009 contract's effort at Skelbækgade for non-Western cash recipients. */
    if (p->jc == JC_SKB && mi / 12 == 2009 && p->herk == H_IKKEVEST && r_cash(s->y)) h = h * 13 / 10;
    if (crisis && s->y != R_DP) h = h * 85 / 100;
    return h > 9000 ? 9000 : h;
}

/* Leaving a benefit: where to. */
static void r_exit(Rng *r, const RPerson *p, RState *s, long mi)
{
    int age = r_age(p, mi);
    switch (s->y) {
    case R_SDP: {
        static const unsigned w[] = { 65, 15, 10, 5, 5 };
        int k = pick(r, w, 5);
        if (k == 0) r_go(r, s, R_INGEN, BE_ORD, 0);
        else if (k == 1) r_go(r, s, r_fallback(p, s, mi), 0, 0);
        else if (k == 2) r_go(r, s, R_LEDY, 0, 0);
        else if (k == 3) r_go(r, s, R_REVAL, 0, 0);
        else r_go(r, s, R_INGEN, BE_DELTID, 0);
        return;
    }
    case R_LEDY: r_go(r, s, R_INGEN, BE_FLEKS, 0); return;
    case R_REVAL: {
        static const unsigned w[] = { 45, 35, 20 };
        int k = pick(r, w, 3);
        r_go(r, s, R_INGEN, k == 0 ? BE_ORD : k == 1 ? BE_FLEKS : BE_INGEN, k == 2);
        return;
    }
    default: break;
    }
    unsigned w[4] = { 62, 10, age < 30 ? 36 : 8, s->y == R_DP ? 3 : 10 };  /* job, part-time, study, other */
    int k = pick(r, w, 4);
    if (k == 0) r_go(r, s, R_INGEN, BE_ORD, 0);
    else if (k == 1) r_go(r, s, R_INGEN, BE_DELTID, 0);
    else if (k == 2) r_go(r, s, R_INGEN, BE_INGEN, 1);
    else r_go(r, s, R_INGEN, BE_INGEN, 0);
    if (s->besk == BE_ORD) s->insured = s->insured || chance(r, 2000);
}

static void o_row_start(Rec *rc, int t, const RPerson *p)
{
    Out *o = rc->o[t];
    o_id(o, rc->next_id[t]++); out_sep(o);
    if (p) { o_id(o, p->id); out_sep(o); }
}

static void rec_varsling(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    int coop = chance(r, 6000);
    s->notice_end = mi + rng_range(r, 1, 3);
    s->notice_job = chance(r, coop ? 5800 : 4000);
    Out *o = rc->o[O_VARSLINGER];
    o_row_start(rc, O_VARSLINGER, p);
    o_id(o, rng_range(r, 3, (long)rc->firms)); out_sep(o);
    out_bool(o, coop); out_sep(o);
    out_date(o, rmi_day(s->notice_end, rmi_len(s->notice_end)));
    o_end(o);
}

/* Month-start transitions for a person not on benefit. */
static void r_off_benefit(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    int crisis = mi >= 2009 * 12 && mi < 2011 * 12;
    if (s->y == R_FP) return;
    if (s->notice_end >= 0) {
        if (mi <= s->notice_end) return;
        s->notice_end = -1;
        if (s->notice_job) return;   /* a new job from the notice period on */
        r_go(r, s, r_fallback(p, s, mi), 0, 0);
        return;
    }
    if (s->stud_until >= 0) {
        if (mi <= s->stud_until) return;
        s->stud_until = -1;
        if (chance(r, 7000)) { r_go(r, s, R_INGEN, BE_ORD, 0); return; }
        r_go(r, s, r_fallback(p, s, mi), 0, 0);
        return;
    }
    if (s->studying) {
        if (!chance(r, 250)) return;
        if (chance(r, 7000)) r_go(r, s, R_INGEN, BE_ORD, 0);
        else r_go(r, s, r_fallback(p, s, mi), 0, 0);
        return;
    }
    switch (s->besk) {
    case BE_ORD: case BE_DELTID:
        if (chance(r, 45)) { r_go(r, s, R_SDP, 0, 0); s->besk = BE_ORD; s->syg = 1; return; }
        if (!chance(r, crisis ? 380 : 260)) return;
        if (mi >= 2008 * 12 && mi + 3 <= RM1 && chance(r, 2000)) { rec_varsling(r, rc, p, s, mi); return; }
        r_go(r, s, r_fallback(p, s, mi), 0, 0);
        return;
    case BE_FLEKS:
        if (chance(r, 60)) r_go(r, s, R_LEDY, 0, 0);
        return;
    default:
        if (chance(r, 350)) {
            if (chance(r, 5000)) r_go(r, s, R_INGEN, BE_ORD, 0);
            else r_go(r, s, r_fallback(p, s, mi), 0, 0);
        }
        return;
    }
}

/* ---- offers: courses (forloeb) and placements in firms ---- */

static void r_course_weights(const RPerson *p, const RState *s, long mi, int due, unsigned *w)
{
    int yr = (int)(mi / 12), age = r_age(p, mi);
    int cash = r_cash(s->y);
    memset(w, 0, N_FTYPE * sizeof *w);
    w[F_AKTIV] = due ? 260 : 60;
    if (s->y == R_DP || s->match <= 2) w[F_JOBKLUB] = yr >= 2010 ? 260 : 70;
    if (yr >= 2010 && (s->y == R_DP || s->match <= 2) && (p->udd <= U_GYM || s->ymdr <= 6))
        w[F_UDD6] = 90;
    if (cash && p->herk != H_DANSK && s->match <= 3) w[F_KOMBI] += yr == 2007 ? 250 : 60;
    if (cash && s->syg && s->match >= 3 && s->match <= 4) w[F_KOMBI] += yr >= 2010 ? 120 : 30;
    if (cash && s->match >= 4) w[F_INTRO] = 70;
    if (yr >= 2010 && s->y == R_KH && age < 30 && !p->komp) w[F_SOCARV] = 110;
    if (yr >= 2008 && p->jc == JC_SKB && cash && s->match >= 2 && s->match <= 3)
        w[F_PRAKFORB] = yr == 2009 ? 300 : 60;
    if (age < 30) w[F_MENTOR] = p->jc == JC_SKB ? 90 : 40;
    if (s->doms && age < 30) w[F_MENTOR] += 120;
    if (p->htype == HT_INDV && s->y != R_DP) w[F_DANSK] = p->couple && yr == 2007 ? 160 : 60;
    if (yr >= 2007 && yr <= 2010 && p->herk == H_IKKEVEST && s->y == R_KH && s->ymdr > 12 && age >= 18)
        w[F_HELTUD] = 200;
    if (yr >= 2009 && yr <= 2010 && age >= 16 && age <= 24) w[F_UTA] = 120;
    if (yr >= 2010 && yr <= 2011 && age >= 18 && age <= 25 && s->doms && !s->udslust) w[F_UDSLUS] = 3000;
    if (yr >= 2010 && p->couple && p->bolig != B_ANDET && p->bolig != B_AKACIE) w[F_INTERV] = 70;
    if (yr >= 2007 && yr <= 2008 && cash && s->match >= 3 && s->match <= 4) w[F_JUPAKKE] = 90;
}

static const char *r_supplier(Rng *r, int type)
{
    switch (type) {
    case F_JOBKLUB: return LEVERANDOER[chance(r, 5000) ? 4 : 3];
    case F_KOMBI: return LEVERANDOER[chance(r, 5000) ? 1 : 2];
    case F_HELTUD: return LEVERANDOER[1];
    case F_UDD6: return LEVERANDOER[chance(r, 6000) ? 5 : 3];
    case F_UTA: return LEVERANDOER[6];
    case F_DANSK: return LEVERANDOER[chance(r, 5000) ? 2 : 7];
    default: return LEVERANDOER[chance(r, 6000) ? 0 : (int)rng_below(r, 8)];
    }
}

/* Start a course this month; due > 0: a due offer with that date.  0 if none was given. */
static int rec_course(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi, long due)
{
    unsigned w[N_FTYPE];
    r_course_weights(p, s, mi, due != NO_DATE, w);
    int t = pick(r, w, N_FTYPE);
    long start;
    if (due != NO_DATE) {
        int jks09 = p->jc == JC_SKB && mi / 12 == 2009;
        unsigned ontime = mi / 12 <= 2006 ? 8800 : jks09 ? 9550 : 9300;
        start = chance(r, ontime) ? due - rng_range(r, 0, 20) : due + rng_range(r, 1, 40);
    } else {
        start = rand_day(r, mi);
    }
    long first = rmi_day(mi, 1), last = rmi_day(p->out_mi, rmi_len(p->out_mi));
    if (start < first) start = first;
    if (start > last) return 0;                   /* moved away before it began */
    int dur = (int)rng_range(r, FDUR[t][0], FDUR[t][1]);
    if (t == F_MENTOR && s->doms) dur = 365;      /* the extended mentor scheme: 12 months */
    int done = chance(r, FDONE[t]);
    long slut = done ? start + dur - 1 : start + rng_range(r, 7, dur - 1);
    if (slut > last) { slut = last; done = 0; }
    s->busy_until = slut;
    s->start_mi = rday_mi(start);
    if (done) {
        s->boost_until = rday_mi(slut) + 7;
        s->boost = t == F_JOBKLUB ? 300 : t == F_UDD6 ? 260 : 200;
        s->leave_mi = rday_mi(slut) + 1;
        s->leave_p = FOUT[t];
        if (t == F_KOMBI && s->syg && chance(r, 3500)) s->syg = 0;
    }
    if (t == F_UDSLUS) s->udslust = 1;
    Out *o = rc->o[O_FORLOEB];
    o_row_start(rc, O_FORLOEB, p);
    out_text(o, FTYPE[t]); out_sep(o);
    out_date(o, due); out_sep(o);
    out_date(o, start); out_sep(o);
    out_date(o, known(slut)); out_sep(o);
    if (known(slut) != NO_DATE) out_bool(o, done);
    out_sep(o);
    out_text(o, r_supplier(r, t)); out_sep(o);
    out_text(o, JOBCENTER[p->jc]);
    o_end(o);
    return 1;
}

static void rec_placement_row(Rng *r, Rec *rc, const RPerson *p, int t, long start, long slut)
{
    Out *o = rc->o[O_PLACERINGER];
    o_row_start(rc, O_PLACERINGER, p);
    long firm = t == PL_JOBTR && chance(r, 6000) ? 1 : rng_range(r, 3, (long)rc->firms);
    o_id(o, (unsigned long long)firm); out_sep(o);
    out_text(o, PLTYPE[t]); out_sep(o);
    out_date(o, start); out_sep(o);
    out_date(o, known(slut)); out_sep(o);
    /* Hours a week; integration posts train at least 20 pct. of the time, mostly. */
    long work = t == PL_PRAKTIK ? rng_range(r, 15, 37) : 37;
    long train = t == PL_INTEGR ? (chance(r, 8500) ? rng_range(r, 8, 15) : rng_range(r, 3, 7))
               : t == PL_ELEV || t == PL_PRAKPLADS ? rng_range(r, 8, 20) : rng_range(r, 0, 6);
    out_uint(o, (unsigned long long)train); out_sep(o);
    out_uint(o, (unsigned long long)work); out_sep(o);
    out_text(o, JOBCENTER[p->jc]);
    o_end(o);
}

/* A placement in a firm from benefit this month. */
static void rec_placement(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    int yr = (int)(mi / 12), age = r_age(p, mi);
    unsigned w[N_PLTYPE] = { 60, 35, age < 30 ? 15 : 5, 0, 0, 0 };
    if (yr >= 2007 && yr <= 2008 && p->htype == HT_INDV && (p->handicap || s->match >= 3)) w[PL_INTEGR] = 200;
    int t = pick(r, w, N_PLTYPE);
    static const int dur[N_PLTYPE][2] = { { 28, 91 }, { 91, 365 }, { 91, 365 }, { 0, 0 }, { 0, 0 }, { 182, 365 } };
    long start = rand_day(r, mi), last = rmi_day(p->out_mi, rmi_len(p->out_mi));
    long slut = start + rng_range(r, dur[t][0], dur[t][1]) - 1;
    if (slut > last) slut = last;
    s->busy_until = slut;
    if (t != PL_PRAKTIK) { s->stoet_from = mi; s->stoet_to = rday_mi(slut); }
    s->boost_until = rday_mi(slut) + 7;
    s->boost = t == PL_LOENT ? 260 : 200;
    s->leave_mi = rday_mi(slut) + 1;
    s->leave_p = t == PL_LOENT ? 4000 : t == PL_PRAKTIK ? 2500 : 3000;
    rec_placement_row(r, rc, p, t, start, slut);
}

/* A young person leaving benefit for study may do it as an apprentice. */
static void rec_apprentice(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    int t = chance(r, 5000) ? PL_ELEV : PL_PRAKPLADS;
    long start = rand_day(r, mi), last = rmi_day(p->out_mi, rmi_len(p->out_mi));
    long slut = start + rng_range(r, 365, 1095) - 1;
    if (slut > last) slut = last;
    s->stud_until = rday_mi(slut);
    rec_placement_row(r, rc, p, t, start, slut);
}

static void rec_interview(Rng *r, Rec *rc, const RPerson *p, long mi)
{
    int yr = (int)(mi / 12);
    unsigned ontime = yr <= 2006 ? 8600 : p->jc == JC_SKB && yr == 2009 ? 9500 : 9200;
    long due = rand_day(r, mi), last = rmi_day(p->out_mi, rmi_len(p->out_mi));
    long held = chance(r, ontime) ? due - rng_range(r, 0, 10)
              : chance(r, 7500) ? due + rng_range(r, 1, 30) : NO_DATE;
    if (held != NO_DATE && held > last) held = NO_DATE;
    Out *o = rc->o[O_SAMTALER];
    o_row_start(rc, O_SAMTALER, p);
    out_date(o, due); out_sep(o);
    out_date(o, held == NO_DATE ? NO_DATE : known(held)); out_sep(o);
    out_text(o, JOBCENTER[p->jc]);
    o_end(o);
}

static void rec_complaint(Rng *r, Rec *rc, const RPerson *p, long mi)
{
    long in = rand_day(r, mi);
    long dec = known(in + rng_range(r, 20, 200));
    int t = pick(r, KLAGETYPE_W, 4);
    /* Fewer formal errors upheld in 2009 than in 2008 (the 2009 contract's goal). */
    unsigned w[3] = { UDFALD_W[0], UDFALD_W[1], UDFALD_W[2] };
    if (t == 0 && mi / 12 >= 2009) { w[0] = 10; w[1] = 8; }
    Out *o = rc->o[O_KLAGER];
    o_row_start(rc, O_KLAGER, p);
    out_date(o, in); out_sep(o);
    out_text(o, KLAGETYPE[t]); out_sep(o);
    out_date(o, dec); out_sep(o);
    if (dec != NO_DATE) out_text(o, UDFALD[pick(r, w, 3)]);
    out_sep(o);
    out_text(o, JOBCENTER[p->jc]);
    o_end(o);
}

static void rec_pension(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    int yr = (int)(mi / 12);
    int main_rule = chance(r, 8000);
    /* Case times shrink from 2009 on (the 2009 contract: at most 3 months by its end). */
    long lo = yr < 2009 ? 90 : 45, hi = yr < 2009 ? 300 : yr == 2009 ? 150 : 100;
    if (!main_rule) hi += 120;
    long in = rand_day(r, mi), dec = in + rng_range(r, lo, hi);
    s->pension_open = 1;
    s->pension_mi = rday_mi(dec) + 1;
    s->pension_grant = chance(r, main_rule ? 6000 : 4000);
    Out *o = rc->o[O_PENSION];
    o_row_start(rc, O_PENSION, p);
    out_date(o, in); out_sep(o);
    out_date(o, known(dec)); out_sep(o);
    out_bool(o, main_rule); out_sep(o);
    out_text(o, JOBCENTER[p->jc]);
    o_end(o);
}

static void rec_dom(Rec *rc, const RPerson *p, RState *s, long day)
{
    s->doms++;
    Out *o = rc->o[O_DOMME];
    o_row_start(rc, O_DOMME, p);
    out_date(o, day);
    o_end(o);
}

/* ---- one month of one person ---- */

static void rec_panel_row(Rec *rc, const RPerson *p, const RState *s, long mi)
{
    Out *o = rc->o[O_PANEL];
    int besk = s->besk;
    if (r_benefit(s->y) && mi >= s->stoet_from && mi <= s->stoet_to && s->stoet_to > 0) besk = BE_STOET;
    o_id(o, p->id); out_sep(o);
    out_digits(o, mi / 12, 4); out_ch(o, '-'); out_digits(o, mi % 12 + 1, 2); out_sep(o);
    out_uint(o, (unsigned long long)r_age(p, mi)); out_sep(o);
    out_text(o, JOBCENTER[p->jc]); out_sep(o);
    out_text(o, RYDELSE[s->y]); out_sep(o);
    out_uint(o, (unsigned long long)(s->y == R_INGEN ? 0 : s->ymdr)); out_sep(o);
    if (r_benefit(s->y)) out_uint(o, (unsigned long long)s->match);
    out_sep(o);
    out_text(o, RBESK[besk]); out_sep(o);
    out_bool(o, s->studying || s->stud_until >= mi); out_sep(o);
    out_bool(o, s->syg); out_sep(o);
    if (r_benefit(s->y)) out_bool(o, s->jobplan);
    o_end(o);
}

/* Leave benefit; a young person off to study may do it as an apprentice. */
static void r_exit_study(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    r_exit(r, p, s, mi);
    if (s->studying && r_age(p, mi) < 30 && chance(r, 3500)) {
        s->studying = 0;
        rec_apprentice(r, rc, p, s, mi);
    }
}

/* Month-start transitions of a person on benefit. */
static void r_on_benefit(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    if (mi <= s->start_mi) return;    /* a due offer that begins late: still on benefit */
    if (s->pension_mi >= 0 && s->pension_mi <= mi) {
        s->pension_mi = -1;
        s->pension_open = 0;
        if (s->pension_grant) { r_go(r, s, R_FP, 0, 0); return; }
    }
    int busy = rmi_day(mi, 1) <= s->busy_until;           /* in a course or placement */
    if (mi == s->leave_mi && chance(r, s->leave_p)) { r_exit_study(r, rc, p, s, mi); return; }
    if (s->y == R_INTRO && p->indrejst != NO_DATE && mi >= rday_mi(p->indrejst) + 36) {
        r_go(r, s, R_KH, 0, 0);
        return;
    }
    if (s->y == R_DP && s->ymdr >= 48) { r_go(r, s, R_KH, 0, 0); return; }
    if (s->y == R_SDP && s->ymdr >= 12 && chance(r, 3000)) { r_go(r, s, R_KH, 0, 0); s->syg = 1; return; }
    if (chance(r, r_exit_hazard(p, s, mi) / (busy ? 3 : 1))) { r_exit_study(r, rc, p, s, mi); return; }
    if (busy) return;
    if (s->syg && s->y != R_SDP && chance(r, 300)) s->syg = 0;
    if (s->match && chance(r, 250)) s->match = s->match + (chance(r, 5000) ? 1 : -1);
    if (s->match > 5) s->match = 5;
    if (s->match < 1) s->match = 1;
}

/* Events of a month on benefit: offers, interviews, complaints, pension cases. */
static void r_events(Rng *r, Rec *rc, const RPerson *p, RState *s, long mi)
{
    int age = r_age(p, mi), yr = (int)(mi / 12);
    if (!s->jobplan) {
        unsigned h = 2500;
        if (yr == 2007 && p->bolig != B_ANDET && r_cash(s->y)) h = 6000;   /* jobpatruljer */
        s->jobplan = chance(r, h);
    }
    if (s->ymdr % 3 == 1) rec_interview(r, rc, p, mi);
    if (chance(r, 110)) rec_complaint(r, rc, p, mi);
    if (!s->pension_open && s->y != R_DP && s->y != R_INTRO && age >= 30 &&
        (s->match == 5 || (s->match == 4 && (s->syg || p->handicap || p->psyk)) ||
         (s->y == R_SDP && s->ymdr >= 9) || (s->match >= 4 && age >= 35 && s->ymdr >= 12)) &&
        chance(r, 900))
        rec_pension(r, rc, p, s, mi);
    if (rmi_day(mi, 1) <= s->busy_until || s->y == R_SDP) return;
    /* Ret og pligt: an offer falls due after 9 months (3 for the young), then every 6. */
    if (!s->next_due) s->next_due = age < 30 ? 3 : 9;
    if (s->ymdr >= s->next_due) {
        s->next_due = s->ymdr + 6;
        rec_course(r, rc, p, s, mi, rand_day(r, mi));
        return;
    }
    unsigned hp = 300;
    if (yr == 2009 && p->jc == JC_SKB && (r_cash(s->y) || s->y == R_REVAL) && s->match >= 2 && s->match <= 4)
        hp = 800;   /* the 2009 contract's partnership agreements */
    if (s->match <= 4 && s->y != R_LEDY && chance(r, hp)) { rec_placement(r, rc, p, s, mi); return; }
    if (chance(r, 380)) rec_course(r, rc, p, s, mi, NO_DATE);
}

static void rec_person_months(Rng *r, Rec *rc, const RPerson *p)
{
    RState s;
    r_start(r, p, &s);
    for (long mi = p->in_mi; mi <= p->out_mi; mi++) {
        if (mi > p->in_mi) {
            if (r_benefit(s.y)) r_on_benefit(r, rc, p, &s, mi);
            else r_off_benefit(r, rc, p, &s, mi);
        }
        s.ymdr = r_benefit(s.y) || s.y == R_FP ? s.ymdr + 1 : 0;
        if (r_benefit(s.y)) r_events(r, rc, p, &s, mi);
        int age = r_age(p, mi);
        if (p->crim) {
            unsigned h = s.doms == 0 ? (age >= 16 && age <= 25 ? 400 : 0)
                       : mi / 12 >= 2009 && s.udslust ? 90 : 200;
            if (chance(r, h)) {
                rec_dom(rc, p, &s, rand_day(r, mi));
                /* Out of prison onto kontanthjælp: the 2010 plan's udslusning group. */
                if (!r_benefit(s.y) && s.y != R_FP && age >= 18 && age <= 25 && chance(r, 6000)) {
                    r_go(r, &s, R_KH, 0, 0);
                    s.ymdr = 1;
                }
            }
        }
        rec_panel_row(rc, p, &s, mi);
    }
}

/* ---- households ---- */

static void rec_persons(Rec *rc)
{
    unsigned long long made = 0;
    for (unsigned long long u = 0; made < rc->persons; u++) {
        Rng r;
        rec_rng(&r, rc->seed, 1, u);
        RPerson a, b;
        a.fam = 500001ULL + u;
        rec_draw_person(&r, &a, NULL);
        int couple = made + 1 < rc->persons && r_age(&a, a.in_mi) >= 20 &&
                     chance(&r, a.herk == H_IKKEVEST ? 4500 : 2500);
        a.couple = couple;
        a.id = 100001ULL + made++;
        if (couple) {
            rec_draw_person(&r, &b, &a);
            b.id = 100001ULL + made++;
        }
        rec_write_person(rc->o[O_PERSONER], &a);
        if (couple) rec_write_person(rc->o[O_PERSONER], &b);
        rec_person_months(&r, rc, &a);
        if (couple) rec_person_months(&r, rc, &b);
    }
}

/* ---- firms and what they do ---- */

static unsigned long rec_scaled(const Rec *rc, unsigned long full)
{
    if (full == 0) return 0;
    unsigned long long n = ((unsigned long long)full * rc->persons + REC_FULL / 2) / REC_FULL;
    return n ? (unsigned long)n : 1;
}

/* A firm's attributes, drawn from its own PRNG: rec_firms writes them, the
** slots look up whether a firm has a purchase agreement with the municipality. */
typedef struct { int branche, place, aps, nydanske, indkoeb; long konsulent; } Firm;

static void rec_firm(const Rec *rc, unsigned long f, Firm *fi)
{
    Rng r;
    rec_rng(&r, rc->seed, 2, f);
    fi->branche = (int)rng_below(&r, COUNT(BRANCHE));
    fi->place = (int)rng_below(&r, COUNT(FIRM_A));
    fi->aps = chance(&r, 5000);
    fi->nydanske = f == 1 || chance(&r, 4000);
    fi->indkoeb = f > 2 && chance(&r, 1500);
    fi->konsulent = f > 2 && chance(&r, 3500)
                  ? rng_range(&r, days_from_civil(2007, 1, 1), days_from_civil(2008, 12, 31)) : NO_DATE;
}

static void rec_firms(Rec *rc)
{
    Out *o = rc->o[O_VIRKSOMHEDER];
    for (unsigned long f = 1; f <= rc->firms; f++) {
        Firm fi;
        rec_firm(rc, f, &fi);
        o_id(o, f); out_sep(o);
        if (f == 1) out_text(o, "Københavns Kommune");
        else if (f == 2) out_text(o, "TEC");
        else {
            char name[96];
            snprintf(name, sizeof name, "%s %s %s", FIRM_A[fi.place], FIRM_B[fi.branche],
                     fi.aps ? "ApS" : "A/S");
            out_text(o, name);
        }
        out_sep(o);
        out_text(o, f == 1 ? "offentlig administration" : f == 2 ? "uddannelse" : BRANCHE[fi.branche]);
        out_sep(o);
        out_bool(o, fi.nydanske); out_sep(o);
        out_bool(o, fi.indkoeb); out_sep(o);
        out_date(o, fi.konsulent);
        o_end(o);
    }
}

static int rec_firm_indkoeb(const Rec *rc, unsigned long f)
{
    Firm fi;
    rec_firm(rc, f, &fi);
    return fi.indkoeb;
}

static unsigned long rec_firm_with_indkoeb(Rng *r, const Rec *rc)
{
    for (int tries = 0; tries < 200; tries++) {
        unsigned long f = (unsigned long)rng_range(r, 3, (long)rc->firms);
        if (rec_firm_indkoeb(rc, f)) return f;
    }
    return 3;
}

enum { PT_PRAKTIK, PT_ELEV, PT_JOBTR, PT_TEC };
static const char *const PTYPE[] = { "praktikplads", "elevplads", "jobtræningsplads", "tec_plads" };

static void rec_slot(Rng *r, Rec *rc, int type, long yr, unsigned long firm, int pulje)
{
    Out *o = rc->o[O_PLADSER];
    long made = days_from_civil(yr, 1, 1) + rng_range(r, 0, 364);
    if (type == PT_TEC && yr == 2010) made = days_from_civil(2010, 1, (long)rng_range(r, 1, 15));
    long gone = chance(r, 3000) ? known(made + rng_range(r, 180, 1500)) : NO_DATE;
    int indk = firm > 2 && rec_firm_indkoeb(rc, firm);
    o_id(o, rc->next_id[O_PLADSER]++); out_sep(o);
    out_text(o, PTYPE[type]); out_sep(o);
    out_date(o, made); out_sep(o);
    out_date(o, gone); out_sep(o);
    o_id(o, firm); out_sep(o);
    out_bool(o, firm == 1); out_sep(o);
    out_bool(o, indk); out_sep(o);
    out_bool(o, pulje);
    o_end(o);
}

static void rec_slots(Rec *rc)
{
    Rng r;
    rec_rng(&r, rc->seed, 3, 0);
    for (long yr = 2006; yr <= 2012; yr++) {
        int plan = yr >= 2010;
        unsigned long n;
        n = rec_scaled(rc, plan ? 100 : 40);                 /* internal praktikpladser */
        for (unsigned long i = 0; i < n; i++) rec_slot(&r, rc, PT_PRAKTIK, yr, 1, 0);
        n = rec_scaled(rc, plan ? 50 : 10);                  /* at the suppliers */
        for (unsigned long i = 0; i < n; i++) rec_slot(&r, rc, PT_PRAKTIK, yr, rec_firm_with_indkoeb(&r, rc), 0);
        n = rec_scaled(rc, 60);                              /* internal elevpladser */
        for (unsigned long i = 0; i < n; i++) rec_slot(&r, rc, PT_ELEV, yr, 1, 0);
        n = rec_scaled(rc, yr == 2010 ? 50 : 0);             /* the wage-sum pool */
        for (unsigned long i = 0; i < n; i++) rec_slot(&r, rc, i % 2 ? PT_ELEV : PT_PRAKTIK, yr, 1, 1);
        n = rec_scaled(rc, 80);                              /* private praktik/elev */
        for (unsigned long i = 0; i < n; i++) {
            int type = chance(&r, 5000) ? PT_PRAKTIK : PT_ELEV;
            rec_slot(&r, rc, type, yr, (unsigned long)rng_range(&r, 3, (long)rc->firms), 0);
        }
        n = rec_scaled(rc, yr == 2010 ? 220 : yr > 2010 ? 150 : 100);  /* jobtræning */
        for (unsigned long i = 0; i < n; i++)
            rec_slot(&r, rc, PT_JOBTR, yr, chance(&r, 7000) ? 1 : (unsigned long)rng_range(&r, 3, (long)rc->firms), 0);
        n = rec_scaled(rc, yr == 2010 ? 100 : yr > 2010 ? 20 : 0);     /* TEC keeps 100 places */
        for (unsigned long i = 0; i < n; i++) rec_slot(&r, rc, PT_TEC, yr, 2, 0);
    }
}

static const char *const JOTYPE[] = { "ordinær", "løntilskud", "fleksjob", "elevplads" };
static const unsigned JOTYPE_W[] = { 75, 10, 8, 7 };

/* Working days after day a up to b; Monday-Friday only (the holidays are left to maal). */
static long r_add_workdays(long a, long n)
{
    while (n > 0) {
        a++;
        long wd = ((a % 7) + 7 + 3) % 7;   /* 0 = Monday; 1970-01-01 was a Thursday */
        if (wd < 5) n--;
    }
    return a;
}

static void rec_joborders(Rec *rc)
{
    static const unsigned long full[7] = { 9000, 10000, 9500, 7000, 7900, 8200, 8400 };
    Rng r;
    rec_rng(&r, rc->seed, 4, 0);
    Out *o = rc->o[O_JOBORDRER];
    for (long yr = 2006; yr <= 2012; yr++) {
        for (int t = 0; t < 4; t++) {
          unsigned long n = rec_scaled(rc, full[yr - 2006] * JOTYPE_W[t] / 100);
          for (unsigned long i = 0; i < n; i++) {
            long in = days_from_civil(yr, 1, 1) + rng_range(&r, 0, 364);
            int kvik = in >= days_from_civil(2009, 12, 1);
            long med = chance(&r, 300) ? NO_DATE
                     : kvik ? r_add_workdays(in, chance(&r, 9000) ? rng_range(&r, 0, 1) : rng_range(&r, 2, 5))
                            : r_add_workdays(in, rng_range(&r, 0, 8));
            unsigned fill2w = yr >= 2010 ? 9000 : yr == 2009 ? 7600 : 8000;
            long fill = med == NO_DATE || chance(&r, 800) ? NO_DATE
                      : chance(&r, fill2w) ? in + rng_range(&r, 1, 14) : in + rng_range(&r, 15, 60);
            if (fill != NO_DATE && fill < med) fill = med;
            o_id(o, rc->next_id[O_JOBORDRER]++); out_sep(o);
            o_id(o, (unsigned long long)rng_range(&r, 3, (long)rc->firms)); out_sep(o);
            out_date(o, in); out_sep(o);
            out_text(o, JOTYPE[t]); out_sep(o);
            out_text(o, JOBCENTER[pick(&r, JC_W, N_JC)]); out_sep(o);
            out_date(o, med == NO_DATE ? NO_DATE : known(med)); out_sep(o);
            out_date(o, fill == NO_DATE ? NO_DATE : known(fill));
            o_end(o);
          }
        }
    }
}

static void rec_contacts(Rec *rc)
{
    Rng r;
    rec_rng(&r, rc->seed, 5, 0);
    Out *o = rc->o[O_KONTAKTER];
    for (long yr = 2006; yr <= 2012; yr++) {
        unsigned long n = rec_scaled(rc, yr == 2007 || yr == 2008 ? 7000 : 5000);
        for (unsigned long i = 0; i < n; i++) {
            o_id(o, rc->next_id[O_KONTAKTER]++); out_sep(o);
            o_id(o, (unsigned long long)rng_range(&r, 3, (long)rc->firms)); out_sep(o);
            out_date(o, days_from_civil(yr, 1, 1) + rng_range(&r, 0, 364)); out_sep(o);
            out_text(o, JOBCENTER[pick(&r, JC_W, N_JC)]);
            o_end(o);
        }
    }
}

/* ---- staff ---- */

static void rec_staff(Rec *rc)
{
    unsigned long n = 12 + (unsigned long)(rc->persons / 25);
    Out *o = rc->o[O_MEDARB], *k = rc->o[O_MKURSER];
    for (unsigned long i = 0; i < n; i++) {
        Rng r;
        rec_rng(&r, rc->seed, 6, i);
        int jc = pick(&r, JC_W, N_JC), citizen = chance(&r, 8000);
        long hired = chance(&r, 7000) ? rng_range(&r, days_from_civil(1995, 1, 1), days_from_civil(2005, 12, 31))
                                      : rng_range(&r, days_from_civil(2006, 1, 1), days_from_civil(2012, 6, 30));
        long left = chance(&r, 2500) ? known(hired + rng_range(&r, 200, 4000)) : NO_DATE;
        if (left != NO_DATE && left < days_from_civil(2006, 1, 1)) left = NO_DATE;
        unsigned long long id = 9001ULL + i;
        o_id(o, id); out_sep(o);
        out_text(o, JOBCENTER[jc]); out_sep(o);
        out_bool(o, citizen); out_sep(o);
        out_date(o, hired); out_sep(o);
        out_date(o, left);
        o_end(o);
        for (long yr = 2006; yr <= 2012; yr++) {
            long y0 = max2(hired, days_from_civil(yr, 1, 1));
            long y1 = min2(left == NO_DATE ? rec_end_day() : left, days_from_civil(yr, 12, 31));
            if (y0 > y1) continue;
            /* 2007: the competence drive of the 2007 agreement reaches most front-line staff. */
            int nk = yr == 2007 && citizen ? (chance(&r, 9300) ? 1 + (int)rng_below(&r, 2) : 0)
                                           : (int)rng_below(&r, 3);
            for (int c = 0; c < nk; c++) {
                o_id(k, rc->next_id[O_MKURSER]++); out_sep(k);
                o_id(k, id); out_sep(k);
                out_date(k, rng_range(&r, y0, y1)); out_sep(k);
                out_bool(k, yr == 2007 && citizen ? chance(&r, 9000) : chance(&r, 6000));
                o_end(k);
            }
        }
    }
}

/* ---- milestones: the completion dates of the rule files' milestone goals ---- */

typedef struct { const char *maal, *faerdig, *kommentar; } Milestone;
static const Milestone MS_2007[] = {
    { "1.2-a", "2007-06-14", "Aftaler om møderum indgået for alle fem udsatte boligområder" },
    { "1.3-a", "2007-05-23", "Informationsmøderne blev først holdt i maj, efter at afdelingsbestyrelserne var valgt" },
    { "2.6-a", "", "Metoderne er udviklet, men ikke taget i brug ved udgangen af 2007" },
};
static const Milestone MS_2007_2010[] = {
    { "2.1-a", "2007-09-03", "Forsøg med job- og uddannelsespakker iværksat i september 2007" },
    { "3.1-a", "2007-09-01", "Den tværgående virksomhedsenhed oprettet 1. september, fire måneder efter planen" },
};
static const Milestone MS_2009[] = {
    { "F3.1.A-5-a", "2009-01-26", "Indkaldefunktionen dækker hele centeret" },
    { "F3.1.B-2-a", "2009-01-28", "Kontaktperson udpeget 5. januar; samarbejdsmøder holdt 28. januar" },
    { "F3.1.C-2-a", "2009-02-24", "Konferencen for JKS og samarbejdspartnere holdt" },
    { "F3.1.D-3-a", "2009-03-20", "Fuld implementering først i marts" },
    { "F3.1.D-5-a", "2008-12-15", "Aftaler med lægerne indgået i december 2008" },
    { "F3.2-1-a", "2009-06-30", "Analysen af formalitetsklagerne afsluttet med anbefalinger" },
    { "F3.2-2-a", "2009-09-07", "Sagsstyringsværktøjet først i drift i september" },
    { "F3.2-4-a", "", "Vejledningen om USB-reglerne er ikke udarbejdet" },
    { "F3.4-2-a", "2009-03-16", "Værktøjet til aktivitetsstyring taget i brug" },
    { "F3.4-3-a", "2009-01-29", "Aktiveringsstrategien vedtaget; revideret i juni og oktober" },
};
static const Milestone MS_2010[] = {
    { "1.2-d", "2009-12-01", "Kvik-servicen med hotline åbnede 1. december 2009" },
    { "1.3-c", "2010-03-15", "De første aftaler med erhvervsskolerne underskrevet i marts 2010" },
};

static int rec_milestones(const char *dir, const char *year, const Milestone *m, int n, char delim)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/milepaele_%s.csv", dir, year);
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    Out *o = calloc(1, sizeof *o);
    if (!o) { fclose(f); return -1; }
    o->f = f;
    o->delim = delim;
    out_text(o, "maal"); out_sep(o); out_text(o, "faerdig"); out_sep(o); out_text(o, "kommentar"); o_end(o);
    for (int i = 0; i < n; i++) {
        out_text(o, m[i].maal); out_sep(o);
        out_text(o, m[i].faerdig); out_sep(o);
        out_text(o, m[i].kommentar); o_end(o);
    }
    out_flush(o);
    int bad = o->err;
    free(o);
    return fclose(f) != 0 || bad ? -1 : 0;
}

static void rec_header(Out *o, const char *cols)
{
    for (const char *c = cols; *c; c++) {
        if (*c == ',') out_sep(o);
        else out_ch(o, *c);
    }
    o_end(o);
}

/* Write every table into dir; 0 ok, 1 write error (message on stderr). */
static int rec_run(const char *dir, uint64_t seed, unsigned long long persons, char delim)
{
    Rec rc;
    memset(&rc, 0, sizeof rc);
    rc.seed = seed;
    rc.persons = persons;
    rc.firms = 30 + (unsigned long)(persons / 6);
    int err = 0;
    for (int t = 0; t < N_OUT; t++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", dir, OUT_NAME[t]);
        rc.o[t] = calloc(1, sizeof *rc.o[t]);
        if (!rc.o[t] || !(rc.o[t]->f = fopen(path, "wb"))) {
            fprintf(stderr, "maal-gen: cannot write %s\n", path);
            err = 1;
            break;
        }
        rc.o[t]->delim = delim;
        rc.next_id[t] = 1;
        rec_header(rc.o[t], OUT_COLS[t]);
    }
    if (!err) {
        rc.next_id[O_FORLOEB] = 200001;
        rc.next_id[O_PLACERINGER] = 300001;
        rec_persons(&rc);
        rec_firms(&rc);
        rec_slots(&rc);
        rec_joborders(&rc);
        rec_contacts(&rc);
        rec_staff(&rc);
    }
    for (int t = 0; t < N_OUT; t++) {
        if (!rc.o[t]) continue;
        if (rc.o[t]->f) {
            out_flush(rc.o[t]);
            if (fclose(rc.o[t]->f) != 0 || rc.o[t]->err) {
                if (!err) fprintf(stderr, "maal-gen: error writing %s/%s.csv\n", dir, OUT_NAME[t]);
                err = 1;
            }
        }
        free(rc.o[t]);
    }
    if (!err && (rec_milestones(dir, "2007", MS_2007, COUNT(MS_2007), delim) ||
                 rec_milestones(dir, "2007_2010", MS_2007_2010, COUNT(MS_2007_2010), delim) ||
                 rec_milestones(dir, "2009", MS_2009, COUNT(MS_2009), delim) ||
                 rec_milestones(dir, "2010", MS_2010, COUNT(MS_2010), delim))) {
        fprintf(stderr, "maal-gen: error writing the milestone tables in %s\n", dir);
        err = 1;
    }
    return err;
}

/* ------------------------------------------------------------------ */
/* Command line                                                        */
/* ------------------------------------------------------------------ */

static const char USAGE[] =
    "usage: maal-gen [--rows N] [--seed S] [--schema domain|extended|panel] [--year Y]\n"
    "                [--delimiter ,|;|tab] [--help]\n"
    "       maal-gen --schema records --out DIR [--seed S] [--persons N] [--delimiter D]\n"
    "\n"
    "Writes a synthetic citizen extract as CSV (UTF-8, header row, LF line ends,\n"
    "RFC 4180 quoting) to standard output. The output depends only on the\n"
    "arguments.\n"
    "\n"
    "  --rows N        number of citizens, 0-1000000000 (default 1000); with\n"
    "                  --schema panel the number of persons (rows = person-months)\n"
    "  --seed S        PRNG seed, 0-18446744073709551615 (default 1)\n"
    "  --schema K      domain: the 24 columns of domain.md (default);\n"
    "                  extended: those plus aegtepar, familieforsoerget, varsling,\n"
    "                  kriminalitet, tilbud_status and more tilbud_type values;\n"
    "                  panel: one row per person per month over Y-1 and Y, with\n"
    "                  maaned, ydelse incl. ingen, ydelse_mdr, timeliness counts;\n"
    "                  records: the record tables of one municipality 2006-2012,\n"
    "                  one CSV file per table in the existing folder DIR\n"
    "  --persons N     with --schema records: persons, 1-100000000 (default 350)\n"
    "  --out DIR       with --schema records: the folder to write the tables to\n"
    "  --year Y        the snapshot year, 1970-2100 (default 2007); the extract is\n"
    "                  the state at 31 December of Y; a panel covers the 24 months\n"
    "                  Y-1-01 to Y-12\n"
    "  --delimiter D   ',' (default), ';' or 'tab' (also: comma, semicolon, '\\t')\n"
    "  --help          print this text and exit\n"
    "\n"
    "Options also take the form --rows=N. Exit status: 0 ok, 1 write error,\n"
    "2 bad arguments.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("maal-gen: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'maal-gen --help' for more information.\n", stderr);
    return 2;
}

/* Parse a decimal unsigned integer in [lo, hi]; 0 on success. */
static int parse_uint(const char *s, unsigned long long lo, unsigned long long hi,
                      unsigned long long *out)
{
    unsigned long long v = 0;
    if (!*s) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        unsigned d = (unsigned)(*s - '0');
        if (v > (~0ULL - d) / 10) return -1;
        v = v * 10 + d;
    }
    if (v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long rows = 1000, seed = 1, year = 2007, persons = 350;
    int extended = 0, panel = 0, records = 0, rows_given = 0, year_given = 0, persons_given = 0;
    const char *outdir = NULL;
    char delim = ',';

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        char name[32];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(USAGE, stdout);
            return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
        }
        if (strncmp(a, "--", 2) != 0) return usage_error("unexpected argument '%s'", a);
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        if (nlen >= sizeof name) return usage_error("unknown option '%s'", a);
        memcpy(name, a, nlen);
        name[nlen] = '\0';
        if (strcmp(name, "--help") == 0) return usage_error("option '%s' takes no value", name);
        if (strcmp(name, "--rows") && strcmp(name, "--seed") && strcmp(name, "--schema") &&
            strcmp(name, "--year") && strcmp(name, "--delimiter") && strcmp(name, "--out") &&
            strcmp(name, "--persons"))
            return usage_error("unknown option '%s'", name);
        if (eq) val = eq + 1;
        else if (i + 1 < argc) val = argv[++i];
        else return usage_error("option '%s' needs a value", name);

        if (strcmp(name, "--rows") == 0) {
            if (parse_uint(val, 0, 1000000000ULL, &rows))
                return usage_error("--rows wants an integer 0-1000000000, not '%s'", val);
            rows_given = 1;
        } else if (strcmp(name, "--persons") == 0) {
            if (parse_uint(val, 1, 100000000ULL, &persons))
                return usage_error("--persons wants an integer 1-100000000, not '%s'", val);
            persons_given = 1;
        } else if (strcmp(name, "--out") == 0) {
            if (!*val) return usage_error("--out wants a folder%s", "");
            outdir = val;
        } else if (strcmp(name, "--seed") == 0) {
            if (parse_uint(val, 0, ~0ULL, &seed))
                return usage_error("--seed wants an unsigned 64-bit integer, not '%s'", val);
        } else if (strcmp(name, "--year") == 0) {
            if (parse_uint(val, 1970, 2100, &year))
                return usage_error("--year wants a year 1970-2100, not '%s'", val);
            year_given = 1;
        } else if (strcmp(name, "--schema") == 0) {
            extended = panel = records = 0;
            if (strcmp(val, "domain") == 0) ;
            else if (strcmp(val, "extended") == 0) extended = 1;
            else if (strcmp(val, "panel") == 0) panel = 1;
            else if (strcmp(val, "records") == 0) records = 1;
            else return usage_error("--schema wants 'domain', 'extended', 'panel' or 'records', not '%s'", val);
        } else {
            if (strcmp(val, ",") == 0 || strcmp(val, "comma") == 0) delim = ',';
            else if (strcmp(val, ";") == 0 || strcmp(val, "semicolon") == 0) delim = ';';
            else if (strcmp(val, "tab") == 0 || strcmp(val, "\t") == 0 || strcmp(val, "\\t") == 0)
                delim = '\t';
            else return usage_error("--delimiter wants ',', ';' or 'tab', not '%s'", val);
        }
    }

    if (records) {
        if (!outdir) return usage_error("--schema records writes several files: give --out DIR%s", "");
        if (rows_given) return usage_error("--schema records counts --persons, not --rows%s", "");
        if (year_given) return usage_error("--schema records always covers 2006-2012: no --year%s", "");
        return rec_run(outdir, seed, persons, delim);
    }
    if (outdir) return usage_error("--out is for --schema records only%s", "");
    if (persons_given) return usage_error("--persons is for --schema records only (use --rows)%s", "");

    static Out out;
    Params pp = { (int)year, extended };
    Rng rng;
    Person p;
    out.f = stdout;
    out.delim = delim;
    rng_seed(&rng, seed);

    if (panel) {
        PParams ppp = { ((long)year - 1) * 12, (long)year * 12 + 11, 100 };
        ppp.effort = panel_calibrate(seed, &ppp, rows);
        write_panel_header(&out);
        for (unsigned long long i = 0; i < rows && !out.err; i++)
            panel_person(seed, &ppp, (unsigned long)i, 100001ULL + i, &out, NULL);
    } else {
        write_header(&out, extended);
        for (unsigned long long i = 0; i < rows && !out.err; i++) {
            make_person(&rng, &pp, (unsigned long)i, &p);
            write_person(&out, &pp, 100001ULL + i, &p);
        }
    }
    out_flush(&out);
    if (fflush(stdout) != 0 || ferror(stdout) || out.err) {
        fputs("maal-gen: error writing output\n", stderr);
        return 1;
    }
    return 0;
}
