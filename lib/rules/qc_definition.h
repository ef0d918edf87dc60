/**
 * @file qc_definition.h
 * The contest-definition file: one XML document (namespace QC_DEFINITION_NS) holding a
 * contest's title, rules, timeline, rounds (single windows, or recurring ones such as weekly
 * rounds, expanded into one round each), quiz settings, registration settings, groups, the
 * unit tree with headcounts and quotas, study documents, the exclusion list and topic quotas.
 * Times in the file are local to the contest's time zone (default +07:00).
 *
 * Parsing is separate from loading so the rules of a file can be unit-tested without a
 * database: this header and lib/rules/qc_definition*.c are pure; storing (upserts by code, so
 * loading a file twice changes nothing) and reading a contest back are in
 * lib/store/qc_definition_store.h.
 */
#ifndef QC_DEFINITION_H
#define QC_DEFINITION_H

#include <apr_pools.h>
#include <libxml/tree.h>
#include <apr_tables.h>
#include "qc_definition_xml.h" /* QC_DEFINITION_NS, qc_definition_is_el, qc_definition_child */
#include "qc_jury_def.h"       /* qc_def_jury_t */

typedef struct {
    int seq;
    const char *title;
    apr_int64_t opens_ms, closes_ms;
    int attempts; /**< 0: the contest's default */
} qc_def_round_t;

typedef struct {
    const char *code, *parent_code, *name, *kind;
    int headcount, quota; /**< -1 when not given */
} qc_def_unit_t;

typedef struct {
    const char *code, *title;
} qc_def_group_t;

typedef struct {
    const char *title, *url;
} qc_def_document_t;

/** A person who may not take part. With a phone or a cccd, registration refuses them; with
 *  a name only (how the plans list a committee), a contestant of that name, in `unit` (or a
 *  unit directly below it) when it is given, is flagged for the secretariat to confirm. */
typedef struct {
    const char *name, *phone, *cccd, *role;
    const char *unit; /**< a unit's code, or NULL */
} qc_def_person_t;

typedef struct {
    const char *code;
    int quota;
} qc_def_topic_t;

/** One line of a prize structure, in rank order. */
typedef struct {
    const char *kind;       /**< "individual" or "collective" */
    const char *scope;      /**< "each_round" or "overall" */
    const char *group_code; /**< "" for everyone */
    int seq;
    const char *title;
    int count;
    apr_int64_t amount; /**< -1 when not given */
} qc_def_prize_t;

typedef struct {
    const char *code, *title, *theme, *organiser, *rules, *prediction;
    const char *counted;           /**< best | first | last */
    const char *prediction_target; /**< participants | attempts | perfect | manual */
    apr_int64_t prediction_value;  /**< -1 unless target is manual and a value is given */
    apr_int64_t quota_deadline_ms; /**< registration quota deadline, 0 when none */
    apr_int64_t publish_ms;        /**< when results are published, 0 when not set */
    apr_int64_t ceremony_ms;       /**< the closing and awards ceremony (a day: its local
                                        midnight), 0 when not set */
    const char *prize_one_per;     /**< round | contest */
    const char *collective_formula, *collective_unit_kind, *collective_description;
    apr_array_header_t *prizes; /**< qc_def_prize_t */
    int tz_offset_min;
    apr_int64_t opens_ms, closes_ms;
    int questions, time_limit_s, attempts, grace_s, min_age;
    const char *reveal, *cccd_mode, *email_mode;
    apr_array_header_t *rounds;     /**< qc_def_round_t */
    apr_array_header_t *groups;     /**< qc_def_group_t */
    apr_array_header_t *units;      /**< qc_def_unit_t, parents before children */
    apr_array_header_t *documents;  /**< qc_def_document_t */
    apr_array_header_t *exclusions; /**< qc_def_person_t */
    apr_array_header_t *topics;     /**< qc_def_topic_t */
    /** What the definition cannot do although it loads (const char *, plain English for the
     *  administrator): a collective prize that cannot be computed, and why. */
    apr_array_header_t *warnings;
    /* ---- jury-scored parts (qc_jury.h) ---- */
    struct qc_def_jury *jury; /**< judges and the clip part; never NULL once parsed */
} qc_definition_t;

/** What is wrong with a contest's rounds (qc_definition_rounds_check). */
typedef enum {
    QC_ROUNDS_OK = 0,
    QC_ROUNDS_CLOSES_BEFORE_OPENS, /**< round *which closes at or before it opens */
    QC_ROUNDS_OUTSIDE_WINDOW,      /**< round *which lies outside the contest's window */
    QC_ROUNDS_ORDER,               /**< round *which opens before round *which - 1 */
    QC_ROUNDS_OVERLAP              /**< round *which overlaps the earlier round *other */
} qc_rounds_problem_t;

/** The rules every contest's rounds follow, for the definition loader and the settings form
 *  alike: each round closes after it opens, lies inside the window [wopens, wcloses], opens
 *  no earlier than the round before it, and no two rounds share an instant. The first
 *  problem found is returned, with the indexes (0-based, in `opens` order) it concerns. */
qc_rounds_problem_t qc_definition_rounds_check(const apr_int64_t *opens, const apr_int64_t *closes,
                                               int n, apr_int64_t wopens, apr_int64_t wcloses,
                                               int *which, int *other);

/** The RelaxNG schema of definition files (conf/schema/contest.rng, compiled in). */
extern const char qc_definition_schema[];

/** Parse and check a definition file: first against the schema, then the rules a schema
 *  cannot say (rounds inside the window and not overlapping, unique unit codes, ...). Errors name the line: "file.xml:12: ...". */
apr_status_t qc_definition_parse(apr_pool_t *p, const char *path, qc_definition_t **def,
                                 const char **errmsg);

/** The largest definition file read (bytes). */
#define QC_DEFINITION_MAX_BYTES (8 * 1024 * 1024)

/** The same for a definition in memory (an upload); `path` names it in the errors. A
 *  document with a DOCTYPE is refused (so no entity is ever declared, loaded or expanded). */
apr_status_t qc_definition_parse_memory(apr_pool_t *p, const char *path, const char *data,
                                        apr_size_t len, qc_definition_t **def, const char **errmsg);

/* ---- writing and comparing (qc_definition_write.c) ------------------------------------ */

/** Write a definition as a definition file (UTF-8 XML that validates against the schema and
 *  parses back to the same definition). */
const char *qc_definition_write(apr_pool_t *p, const qc_definition_t *def, apr_size_t *len);

/** One setting that differs between two definitions, as text a person reads. */
typedef struct {
    const char *setting; /**< a short ascii name: "title", "quiz.questions", "round.2", ... */
    const char *before;  /**< "" when absent before */
    const char *after;   /**< "" when absent after */
} qc_def_change_t;

/** What changes when `after` is loaded over `before` (qc_def_change_t, in file order; empty
 *  when nothing does). Units, groups and topics that `after` leaves out are not changes:
 *  loading keeps them. */
apr_array_header_t *qc_definition_changes(apr_pool_t *p, const qc_definition_t *before,
                                          const qc_definition_t *after);

#endif
