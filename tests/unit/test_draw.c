/* Unit tests of lib/qc_draw.c: uniform integers, question draws, choice shuffles. */
#include <string.h>

#include "qc_draw.h"
#include "qc_status.h"
#include "qc_unit.h"

/* ---- Random sources for the tests ---- */

/* A replayable source: splitmix64, seeded through the baton. */
typedef struct {
    apr_uint64_t state;
    apr_size_t calls;
} fake_rng_t;

static apr_status_t fake_random(void *baton, unsigned char *buf, apr_size_t len)
{
    fake_rng_t *g = baton;
    apr_size_t i;

    g->calls++;
    for (i = 0; i < len; i++) {
        apr_uint64_t z;

        g->state += APR_UINT64_C(0x9E3779B97F4A7C15);
        z = g->state;
        z = (z ^ (z >> 30)) * APR_UINT64_C(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)) * APR_UINT64_C(0x94D049BB133111EB);
        buf[i] = (unsigned char)((z ^ (z >> 31)) >> 56);
    }
    return APR_SUCCESS;
}

/* A scripted source: hands out the given 32-bit words, big-endian, then fails. */
typedef struct {
    const apr_uint32_t *words;
    apr_size_t n, next;
} script_rng_t;

static apr_status_t script_random(void *baton, unsigned char *buf, apr_size_t len)
{
    script_rng_t *g = baton;
    apr_uint32_t w;

    if (len != 4 || g->next >= g->n) {
        return APR_EOF;
    }
    w = g->words[g->next++];
    buf[0] = (unsigned char)(w >> 24);
    buf[1] = (unsigned char)(w >> 16);
    buf[2] = (unsigned char)(w >> 8);
    buf[3] = (unsigned char)w;
    return APR_SUCCESS;
}

static void script(script_rng_t *g, const apr_uint32_t *words, apr_size_t n)
{
    g->words = words;
    g->n = n;
    g->next = 0;
}

/* A stuck source: always zero bytes. */
static apr_status_t zero_random(void *baton, unsigned char *buf, apr_size_t len)
{
    (void)baton;
    memset(buf, 0, len);
    return APR_SUCCESS;
}

/* A source that works `left` times, then fails with APR_ENOTIMPL. */
static apr_status_t failing_random(void *baton, unsigned char *buf, apr_size_t len)
{
    int *left = baton;

    if (*left <= 0) {
        return APR_ENOTIMPL;
    }
    (*left)--;
    memset(buf, 0x5a, len);
    return APR_SUCCESS;
}

/* ---- A bank for the tests ---- */

/* Question k (0-based) of topic t has id 1000 * t + k and nchoices choices 10 * id + c. */
static qc_draw_question_t *make_bank(const int *topic_sizes, int ntopics, int nchoices, int *nbank)
{
    qc_draw_question_t *bank;
    int t, k, c, n = 0, total = 0;

    for (t = 0; t < ntopics; t++) {
        total += topic_sizes[t];
    }
    bank = apr_pcalloc(qc_test_pool, sizeof(*bank) * (apr_size_t)total);
    for (t = 0; t < ntopics; t++) {
        for (k = 0; k < topic_sizes[t]; k++) {
            apr_int64_t *choices = apr_palloc(qc_test_pool, sizeof(*choices) * 8);

            bank[n].id = 1000 * (t + 1) + k;
            bank[n].topic_id = t + 1;
            bank[n].nchoices = nchoices;
            for (c = 0; c < nchoices; c++) {
                choices[c] = bank[n].id * 10 + c;
            }
            bank[n].choice_ids = choices;
            n++;
        }
    }
    *nbank = n;
    return bank;
}

static const qc_draw_question_t *find(const qc_draw_question_t *bank, int nbank, apr_int64_t id)
{
    int i;

    for (i = 0; i < nbank; i++) {
        if (bank[i].id == id) {
            return &bank[i];
        }
    }
    return NULL;
}

/*
 * The draw's invariants: every item is a question of the bank, no question twice, and each
 * choice order is a permutation of that question's choices. Called in long loops, it reaches
 * Check's assertions only on a failure (each passing ck_assert writes to Check's pipe).
 */
static void check_items(const qc_draw_question_t *bank, int nbank, const qc_draw_item_t *items,
                        int total)
{
    int i, j, c;

    if (items == NULL) {
        ck_abort_msg("no items");
    }
    for (i = 0; i < total; i++) {
        const qc_draw_question_t *q = find(bank, nbank, items[i].question_id);

        if (q == NULL) {
            ck_abort_msg("item %d: question %" APR_INT64_T_FMT " not in the bank", i,
                         items[i].question_id);
        }
        for (j = 0; j < i; j++) {
            if (items[j].question_id == items[i].question_id) {
                ck_abort_msg("question %" APR_INT64_T_FMT " drawn twice", items[i].question_id);
            }
        }
        if (items[i].nchoices != q->nchoices) {
            ck_abort_msg("question %" APR_INT64_T_FMT ": %d choices, not %d", q->id,
                         items[i].nchoices, q->nchoices);
        }
        for (c = 0; c < q->nchoices; c++) {
            int seen = 0;

            for (j = 0; j < items[i].nchoices; j++) {
                seen += items[i].choice_order[j] == q->choice_ids[c];
            }
            if (seen != 1) {
                ck_abort_msg("question %" APR_INT64_T_FMT ": choice %" APR_INT64_T_FMT
                             " shown %d times",
                             q->id, q->choice_ids[c], seen);
            }
        }
    }
}

static int count_topic(const qc_draw_item_t *items, int total, int topic)
{
    int i, n = 0;

    for (i = 0; i < total; i++) {
        n += items[i].question_id / 1000 == topic;
    }
    return n;
}

/* A draw that must succeed, asserting only when it does not (for long loops). */
#define DRAW_OK(call)                                                                              \
    do {                                                                                           \
        apr_status_t rv_ = (call);                                                                 \
        if (rv_ != APR_SUCCESS) {                                                                  \
            ck_abort_msg("%s: status %d", #call, rv_);                                             \
        }                                                                                          \
    } while (0)

static const int sizes_4[] = {8, 6, 5, 4}; /* topics 1..4: 23 questions */

/* ---- qc_draw_uniform ---- */

START_TEST(test_uniform_scripted)
{
    static const apr_uint32_t w_reject_then[] = {0, 5};
    static const apr_uint32_t w_top[] = {0xFFFFFFFFu};
    static const apr_uint32_t w_ten[] = {5, 6};
    static const apr_uint32_t w_half[] = {0x7FFFFFFEu, 0x7FFFFFFFu};
    script_rng_t g;
    apr_uint32_t out = 99;

    /* bound 3: 2^32 mod 3 = 1, so 0 is rejected and the next word used. */
    script(&g, w_reject_then, 2);
    ck_assert_int_eq(qc_draw_uniform(script_random, &g, 3, &out), APR_SUCCESS);
    ck_assert_uint_eq(out, 2);
    ck_assert_uint_eq(g.next, 2);
    /* bound 4 divides 2^32: nothing is rejected. */
    script(&g, w_reject_then, 2);
    ck_assert_int_eq(qc_draw_uniform(script_random, &g, 4, &out), APR_SUCCESS);
    ck_assert_uint_eq(out, 0);
    ck_assert_uint_eq(g.next, 1);
    /* The top word is accepted: 4294967295 mod 10 = 5. */
    script(&g, w_top, 1);
    ck_assert_int_eq(qc_draw_uniform(script_random, &g, 10, &out), APR_SUCCESS);
    ck_assert_uint_eq(out, 5);
    /* bound 10: 2^32 mod 10 = 6, so 5 is rejected and 6 gives 6. */
    script(&g, w_ten, 2);
    ck_assert_int_eq(qc_draw_uniform(script_random, &g, 10, &out), APR_SUCCESS);
    ck_assert_uint_eq(out, 6);
    ck_assert_uint_eq(g.next, 2);
    /* bound 2^31 + 1, the worst case for modulo bias: nearly half the words are rejected. */
    script(&g, w_half, 2);
    ck_assert_int_eq(qc_draw_uniform(script_random, &g, 0x80000001u, &out), APR_SUCCESS);
    ck_assert_uint_eq(out, 0x7FFFFFFFu);
    ck_assert_uint_eq(g.next, 2);
}
END_TEST

START_TEST(test_uniform_edges)
{
    apr_uint32_t out = 99;
    int left = 0;

    ck_assert_int_eq(qc_draw_uniform(failing_random, &left, 0, &out), APR_EINVAL);
    /* bound 1 needs no randomness (the source would fail). */
    ck_assert_int_eq(qc_draw_uniform(failing_random, &left, 1, &out), APR_SUCCESS);
    ck_assert_uint_eq(out, 0);
    /* A failing source's status comes back. */
    ck_assert_int_eq(qc_draw_uniform(failing_random, &left, 6, &out), APR_ENOTIMPL);
    /* A stuck source fails instead of looping for ever... */
    ck_assert_int_eq(qc_draw_uniform(zero_random, NULL, 3, &out), APR_EGENERAL);
    /* ...unless its value is acceptable. */
    ck_assert_int_eq(qc_draw_uniform(zero_random, NULL, 8, &out), APR_SUCCESS);
    ck_assert_uint_eq(out, 0);
    /* The OS source. */
    ck_assert_int_eq(qc_draw_uniform(qc_draw_random_os, NULL, 1000, &out), APR_SUCCESS);
    ck_assert_uint_lt(out, 1000);
}
END_TEST

START_TEST(test_uniform_spread)
{
    fake_rng_t g = {12345, 0};
    int counts[7] = {0};
    int i;

    for (i = 0; i < 70000; i++) {
        apr_uint32_t v = 99;

        if (qc_draw_uniform(fake_random, &g, 7, &v) != APR_SUCCESS || v >= 7) {
            ck_abort_msg("draw %d: %u", i, v);
        }
        counts[v]++;
    }
    for (i = 0; i < 7; i++) {
        ck_assert_msg(counts[i] > 9500 && counts[i] < 10500, "value %d drawn %d times", i,
                      counts[i]);
    }
}
END_TEST

START_TEST(test_random_os)
{
    unsigned char a[32], b[32];
    unsigned char zero[32] = {0};

    ck_assert_int_eq(qc_draw_random_os(NULL, a, sizeof(a)), APR_SUCCESS);
    ck_assert_int_eq(qc_draw_random_os(NULL, b, sizeof(b)), APR_SUCCESS);
    ck_assert(memcmp(a, b, sizeof(a)) != 0);
    ck_assert(memcmp(a, zero, sizeof(a)) != 0);
}
END_TEST

/* ---- qc_draw_questions ---- */

START_TEST(test_draw_distinct)
{
    int nbank, seed;
    const qc_draw_question_t *bank = make_bank(sizes_4, 4, 4, &nbank);

    for (seed = 1; seed <= 200; seed++) {
        fake_rng_t g = {(apr_uint64_t)seed, 0};
        qc_draw_item_t *items = NULL;

        DRAW_OK(qc_draw_questions(qc_test_pool, bank, nbank, 15, NULL, 0, fake_random, &g, &items));
        check_items(bank, nbank, items, 15);
    }
}
END_TEST

START_TEST(test_draw_whole_bank)
{
    int nbank, i;
    const qc_draw_question_t *bank = make_bank(sizes_4, 4, 3, &nbank);
    fake_rng_t g = {7, 0};
    qc_draw_item_t *items = NULL;
    int in_bank_order = 1;

    ck_assert_int_eq(
        qc_draw_questions(qc_test_pool, bank, nbank, nbank, NULL, 0, fake_random, &g, &items),
        APR_SUCCESS);
    check_items(bank, nbank, items, nbank); /* all 23, each once */
    for (i = 0; i < nbank; i++) {
        in_bank_order &= items[i].question_id == bank[i].id;
    }
    ck_assert_msg(!in_bank_order, "the whole bank came back in the bank's order");
}
END_TEST

START_TEST(test_draw_replay)
{
    int nbank, i, same = 1;
    const qc_draw_question_t *bank = make_bank(sizes_4, 4, 4, &nbank);
    fake_rng_t g1 = {42, 0}, g2 = {42, 0}, g3 = {43, 0};
    qc_draw_item_t *a = NULL, *b = NULL, *c = NULL;

    ck_assert_int_eq(
        qc_draw_questions(qc_test_pool, bank, nbank, 10, NULL, 0, fake_random, &g1, &a),
        APR_SUCCESS);
    ck_assert_int_eq(
        qc_draw_questions(qc_test_pool, bank, nbank, 10, NULL, 0, fake_random, &g2, &b),
        APR_SUCCESS);
    ck_assert_int_eq(
        qc_draw_questions(qc_test_pool, bank, nbank, 10, NULL, 0, fake_random, &g3, &c),
        APR_SUCCESS);
    for (i = 0; i < 10; i++) {
        ck_assert_int_eq(a[i].question_id, b[i].question_id);
        ck_assert_int_eq(memcmp(a[i].choice_order, b[i].choice_order, 4 * sizeof(apr_int64_t)), 0);
        same &= a[i].question_id == c[i].question_id;
    }
    ck_assert_msg(!same, "another seed gave the same draw");
}
END_TEST

/* Quotas hold exactly on every draw; the rest comes only from topics without a quota. */
START_TEST(test_draw_quotas_exact)
{
    static const qc_draw_quota_t quotas[] = {{1, 3}, {2, 2}};
    int nbank, seed, i;
    const qc_draw_question_t *bank = make_bank(sizes_4, 4, 4, &nbank);
    int rest_hits[2][6];
    int first_topic[5] = {0};

    memset(rest_hits, 0, sizeof(rest_hits));
    for (seed = 1; seed <= 3000; seed++) {
        fake_rng_t g = {(apr_uint64_t)seed * 7919, 0};
        qc_draw_item_t *items = NULL;

        DRAW_OK(
            qc_draw_questions(qc_test_pool, bank, nbank, 8, quotas, 2, fake_random, &g, &items));
        check_items(bank, nbank, items, 8);
        if (count_topic(items, 8, 1) != 3 || count_topic(items, 8, 2) != 2 ||
            count_topic(items, 8, 3) + count_topic(items, 8, 4) != 3) {
            ck_abort_msg("seed %d: %d from topic 1, %d from 2, %d from 3 and 4", seed,
                         count_topic(items, 8, 1), count_topic(items, 8, 2),
                         count_topic(items, 8, 3) + count_topic(items, 8, 4));
        }
        first_topic[items[0].question_id / 1000]++;
        for (i = 0; i < 8; i++) {
            int t = (int)(items[i].question_id / 1000);

            if (t >= 3) {
                rest_hits[t - 3][items[i].question_id % 1000]++;
            }
        }
    }
    /* The 3 others are a uniform pick among the 9 questions of topics 3 and 4: each is drawn
     * with probability 1/3, about 1000 times in 3000 draws. */
    for (i = 0; i < 5; i++) {
        ck_assert_msg(rest_hits[0][i] > 850 && rest_hits[0][i] < 1150, "3/%d: %d", i,
                      rest_hits[0][i]);
    }
    for (i = 0; i < 4; i++) {
        ck_assert_msg(rest_hits[1][i] > 850 && rest_hits[1][i] < 1150, "4/%d: %d", i,
                      rest_hits[1][i]);
    }
    /* The drawn questions are shuffled together, not listed quota by quota: the first comes
     * from topic 1 with probability 3/8, from topic 2 2/8, from topics 3 and 4 3/8. */
    ck_assert_msg(first_topic[1] > 975 && first_topic[1] < 1275, "topic 1 first %d times",
                  first_topic[1]);
    ck_assert_msg(first_topic[2] > 600 && first_topic[2] < 900, "topic 2 first %d times",
                  first_topic[2]);
    ck_assert_msg(first_topic[3] + first_topic[4] > 975 && first_topic[3] + first_topic[4] < 1275,
                  "topics 3 and 4 first %d times", first_topic[3] + first_topic[4]);
}
END_TEST

START_TEST(test_draw_quotas_fill_total)
{
    static const qc_draw_quota_t quotas[] = {{3, 1}, {1, 3}, {2, 2}, {4, 0}};
    int nbank, seed;
    const qc_draw_question_t *bank = make_bank(sizes_4, 4, 2, &nbank);

    for (seed = 1; seed <= 100; seed++) {
        fake_rng_t g = {(apr_uint64_t)seed, 0};
        qc_draw_item_t *items = NULL;

        ck_assert_int_eq(
            qc_draw_questions(qc_test_pool, bank, nbank, 6, quotas, 4, fake_random, &g, &items),
            APR_SUCCESS);
        check_items(bank, nbank, items, 6);
        ck_assert_int_eq(count_topic(items, 6, 1), 3);
        ck_assert_int_eq(count_topic(items, 6, 2), 2);
        ck_assert_int_eq(count_topic(items, 6, 3), 1);
        ck_assert_int_eq(count_topic(items, 6, 4), 0);
    }
    /* A quota may take a whole topic. */
    {
        static const qc_draw_quota_t all_of_4[] = {{4, 4}};
        fake_rng_t g = {5, 0};
        qc_draw_item_t *items = NULL;

        ck_assert_int_eq(
            qc_draw_questions(qc_test_pool, bank, nbank, 4, all_of_4, 1, fake_random, &g, &items),
            APR_SUCCESS);
        check_items(bank, nbank, items, 4);
        ck_assert_int_eq(count_topic(items, 4, 4), 4);
    }
}
END_TEST

static apr_status_t draw_status(const qc_draw_question_t *bank, int nbank, int total,
                                const qc_draw_quota_t *quotas, int nquotas)
{
    static qc_draw_item_t sentinel;
    fake_rng_t g = {1, 0};
    qc_draw_item_t *items = &sentinel; /* must be reset to NULL on error */
    apr_status_t rv = qc_draw_questions(qc_test_pool, bank, nbank, total, quotas, nquotas,
                                        fake_random, &g, &items);

    if (rv != APR_SUCCESS) {
        ck_assert_ptr_null(items);
    }
    return rv;
}

START_TEST(test_draw_too_small)
{
    static const qc_draw_quota_t q_topic1_9[] = {{1, 9}};
    static const qc_draw_quota_t q_sum_9[] = {{1, 5}, {2, 4}};
    static const qc_draw_quota_t q_14[] = {{1, 8}, {2, 6}};
    static const qc_draw_quota_t q_unknown[] = {{9, 1}};
    static const qc_draw_quota_t q_negative[] = {{1, -1}};
    static const qc_draw_quota_t q_twice[] = {{1, 2}, {1, 2}};
    static const qc_draw_quota_t q_twice_0[] = {{1, 2}, {1, 0}};
    int nbank;
    const qc_draw_question_t *bank = make_bank(sizes_4, 4, 4, &nbank);

    ck_assert_int_eq(nbank, 23);
    ck_assert_int_eq(draw_status(bank, nbank, 23, NULL, 0), APR_SUCCESS);
    ck_assert_int_eq(draw_status(bank, nbank, 24, NULL, 0), QC_EINPUT);
    ck_assert_int_eq(draw_status(bank, 0, 1, NULL, 0), QC_EINPUT);
    ck_assert_int_eq(draw_status(bank, nbank, 0, NULL, 0), QC_EINPUT);
    ck_assert_int_eq(draw_status(bank, nbank, -1, NULL, 0), QC_EINPUT);
    /* Topic 1 has 8 questions. */
    ck_assert_int_eq(draw_status(bank, nbank, 10, q_topic1_9, 1), QC_EINPUT);
    /* Quotas sum to 9, above total 8. */
    ck_assert_int_eq(draw_status(bank, nbank, 8, q_sum_9, 2), QC_EINPUT);
    ck_assert_int_eq(draw_status(bank, nbank, 9, q_sum_9, 2), APR_SUCCESS);
    /* 14 by quota, the rest from topics 3 and 4 (9 questions): 10 is too many, 9 fits. */
    ck_assert_int_eq(draw_status(bank, nbank, 24, q_14, 2), QC_EINPUT);
    ck_assert_int_eq(draw_status(bank, nbank, 23, q_14, 2), APR_SUCCESS);
    ck_assert_int_eq(draw_status(bank, nbank, 5, q_unknown, 1), QC_EINPUT);
    ck_assert_int_eq(draw_status(bank, nbank, 5, q_negative, 1), QC_EINPUT);
    /* A topic named by two quotas is ambiguous, even when one of them asks for none. */
    ck_assert_int_eq(draw_status(bank, nbank, 5, q_twice, 2), QC_EINPUT);
    ck_assert_int_eq(draw_status(bank, nbank, 5, q_twice_0, 2), QC_EINPUT);
}
END_TEST

/* Whenever the source fails, at any step of the draw, its status comes back and no items. */
START_TEST(test_draw_random_failure)
{
    static const qc_draw_quota_t quotas[] = {{1, 2}};
    int nbank, budget, successes = 0;
    const qc_draw_question_t *bank = make_bank(sizes_4, 4, 4, &nbank);

    for (budget = 0; budget < 200; budget++) {
        int left = budget;
        qc_draw_item_t *items = NULL;
        apr_status_t rv = qc_draw_questions(qc_test_pool, bank, nbank, 5, quotas, 1, failing_random,
                                            &left, &items);

        if (rv == APR_SUCCESS) {
            check_items(bank, nbank, items, 5);
            successes++;
        }
        else {
            ck_assert_int_eq(rv, APR_ENOTIMPL);
            ck_assert_ptr_null(items);
        }
    }
    ck_assert_int_gt(successes, 0);
    ck_assert_int_lt(successes, 200);
}
END_TEST

/* Choice orders: permutations, and all 24 orders of 4 choices equally likely. */
START_TEST(test_draw_choice_orders)
{
    static const int one[] = {1};
    int nbank, i, d;
    const qc_draw_question_t *bank = make_bank(one, 1, 4, &nbank);
    fake_rng_t g = {2024, 0};
    int perm_count[256];
    int distinct = 0;
    apr_pool_t *sub;

    memset(perm_count, 0, sizeof(perm_count));
    apr_pool_create(&sub, qc_test_pool);
    for (d = 0; d < 24000; d++) {
        qc_draw_item_t *items = NULL;
        int code = 0;

        apr_pool_clear(sub);
        DRAW_OK(qc_draw_questions(sub, bank, nbank, 1, NULL, 0, fake_random, &g, &items));
        check_items(bank, nbank, items, 1);
        for (i = 0; i < 4; i++) {
            code = code * 4 + (int)(items[0].choice_order[i] % 10);
        }
        perm_count[code]++;
    }
    for (i = 0; i < 256; i++) {
        if (perm_count[i]) {
            distinct++;
            /* expected 1000 each; a biased shuffle (j drawn from the whole range) gives
             * counts from about 750 to 1400 */
            ck_assert_msg(perm_count[i] > 850 && perm_count[i] < 1150, "order %d seen %d times", i,
                          perm_count[i]);
        }
    }
    ck_assert_int_eq(distinct, 24);
    apr_pool_destroy(sub);
}
END_TEST

START_TEST(test_draw_odd_choice_counts)
{
    static const apr_int64_t c1[] = {71}, c2[] = {81, 82}, c7[] = {91, 92, 93, 94, 95, 96, 97};
    const qc_draw_question_t bank[] = {
        {7, 1, 1, c1},
        {8, 1, 2, c2},
        {9, 2, 7, c7},
        {10, 2, 0, NULL},
    };
    int seed;

    for (seed = 0; seed < 50; seed++) {
        fake_rng_t g = {(apr_uint64_t)seed, 0};
        qc_draw_item_t *items = NULL;
        int i;

        ck_assert_int_eq(
            qc_draw_questions(qc_test_pool, bank, 4, 4, NULL, 0, fake_random, &g, &items),
            APR_SUCCESS);
        check_items(bank, 4, items, 4);
        for (i = 0; i < 4; i++) {
            if (items[i].question_id == 10) {
                ck_assert_int_eq(items[i].nchoices, 0);
            }
        }
    }
    {
        const qc_draw_question_t broken[] = {{1, 1, 2, NULL}};

        ck_assert_int_eq(draw_status(broken, 1, 1, NULL, 0), QC_EINPUT);
    }
}
END_TEST

/*
 * With the OS source, 2000 draws of a 10-question bank: every question comes first at least
 * once (each would miss with probability 0.9^2000), and no question comes first wildly more
 * or less often than 1 in 10 (expected 200, sd 13.4; the bounds are 6 sd away).
 */
START_TEST(test_draw_os_source)
{
    static const int ten[] = {10};
    int nbank, d, i;
    const qc_draw_question_t *bank = make_bank(ten, 1, 4, &nbank);
    int first[10] = {0};
    int choice_first[4] = {0};
    apr_pool_t *sub;

    apr_pool_create(&sub, qc_test_pool);
    for (d = 0; d < 2000; d++) {
        qc_draw_item_t *items = NULL;

        apr_pool_clear(sub);
        DRAW_OK(qc_draw_questions(sub, bank, nbank, 10, NULL, 0, qc_draw_random_os, NULL, &items));
        check_items(bank, nbank, items, 10);
        first[items[0].question_id - 1000]++;
        choice_first[items[0].choice_order[0] % 10]++;
    }
    for (i = 0; i < 10; i++) {
        ck_assert_msg(first[i] >= 1, "question %d never came first", i);
        ck_assert_msg(first[i] > 120 && first[i] < 280, "question %d first %d times", i, first[i]);
    }
    for (i = 0; i < 4; i++) {
        ck_assert_msg(choice_first[i] > 380 && choice_first[i] < 620,
                      "choice %d shown first %d times", i, choice_first[i]);
    }
    apr_pool_destroy(sub);
}
END_TEST

Suite *qc_suite_draw(void)
{
    Suite *s = suite_create("draw");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_uniform_scripted);
    tcase_add_test(tc, test_uniform_edges);
    tcase_add_test(tc, test_uniform_spread);
    tcase_add_test(tc, test_random_os);
    tcase_add_test(tc, test_draw_distinct);
    tcase_add_test(tc, test_draw_whole_bank);
    tcase_add_test(tc, test_draw_replay);
    tcase_add_test(tc, test_draw_quotas_exact);
    tcase_add_test(tc, test_draw_quotas_fill_total);
    tcase_add_test(tc, test_draw_too_small);
    tcase_add_test(tc, test_draw_random_failure);
    tcase_add_test(tc, test_draw_choice_orders);
    tcase_add_test(tc, test_draw_odd_choice_counts);
    tcase_add_test(tc, test_draw_os_source);
    suite_add_tcase(s, tc);
    return s;
}
