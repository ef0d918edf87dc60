/**
 * @file qc_qbank.h
 * A question bank in memory, read from or written to the exchange formats secretariats use:
 * Moodle XML (multichoice, truefalse; categories become topics), GIFT, Aiken, CSV as Excel
 * saves it ("CSV UTF-8", with or without BOM, comma or semicolon), and the project's own
 * question-bank XML (conf/demo/question-bank.xml, namespace QC_QBANK_NS). Reading never stops
 * at a bad question: it is put aside with its line and the reason, so the secretariat sees
 * every problem at once, and an import commits all or nothing.
 *
 * The life of an upload (what a web page or quizcontest-admin does):
 *   1. qc_qbank_read(data, len, "auto", msgs) -> a qc_qbank_t: the accepted questions, the
 *      rejects and the duplicates, each with its line and a Vietnamese reason; or QC_EINPUT
 *      with one Vietnamese message when the whole file is refused.
 *   2. Show the report (qc_qbank_report_xml puts it into a page's XML); when it is accepted,
 *      qc_qbank_store(..., dry_run = 0) stores the questions in one transaction (dry_run = 1
 *      computes the same counts and rolls back): lib/store/qc_qbank_store.h.
 *   3. qc_qbank_load (the store) + qc_qbank_write export a contest's current bank; an export
 *      read back and stored again changes nothing.
 *
 * This header and lib/rules/qc_qbank_*.c are pure (no database): qc_qbank_reader.c holds what
 * every format shares (whole-file checks, safe XML parsing, the checks of a question, format
 * detection, the report), and each format has one file with its reader and, when it has one,
 * its writer: qc_qbank_native.c, qc_qbank_moodle.c, qc_qbank_gift.c, qc_qbank_aiken.c,
 * qc_qbank_csv.c. What they share is declared in qc_qbank_internal.h.
 *
 * Texts: every reason is a key of xslt/messages.xml ("qbank.*") with arguments; it is
 * formatted with the qc_messages_t given to the reader (Vietnamese), or, without one, as
 * "[key] arg1 | arg2" so nothing is lost. A page may also use key/args itself (qc:msg).
 *
 * Versioning (qc_qbank_store, in the store): a question is identified by its code within the contest: the
 * file's own (native code, Moodle idnumber, CSV column "code"; GIFT ::titles:: and Moodle names
 * only name a question in the report, since they are often "Q1" in every file) or, when the
 * file has none, "q-" and 16 hex digits of the SHA-256 of its normalised stem. A question
 * whose stem, kind, choices, key or explanation changed is retired and stored again as a new version (attempts keep the version they drew); an unchanged one is left alone;
 * questions absent from the file are not touched. Without codes, an edited stem is a new
 * question: give codes to edit stems.
 */
#ifndef QC_QBANK_H
#define QC_QBANK_H

#include <apr_hash.h>
#include <apr_pools.h>
#include <apr_tables.h>
#include <libxml/tree.h>
#include "qc_messages.h"

/** The namespace of the project's own question-bank XML. */
#define QC_QBANK_NS "urn:quizcontest:question-bank:1"

/** Largest file accepted by the readers (10 MiB). */
#define QC_QBANK_MAX_BYTES (10 * 1024 * 1024)
/** Most choices a question may have (the draw and the quiz page are made for a few). */
#define QC_QBANK_MAX_CHOICES 10
/** Longest stem, choice or explanation, in bytes once cleaned (a MariaDB TEXT column:
 *  qc_question.body, qc_question.explanation, qc_choice.body). */
#define QC_QBANK_MAX_TEXT_BYTES 65535
/** Longest topic title, in characters (qc_topic.title VARCHAR(300)). */
#define QC_QBANK_MAX_TOPIC_CHARS 300
/** Title of the topic given to questions of a file that names none (Aiken, CSV without
 *  a topic column). It is data stored in the bank, not a page text. */
#define QC_QBANK_DEFAULT_TOPIC "Câu hỏi chung"

typedef struct {
    const char *text; /**< plain text, NFC, white space squeezed */
    int correct;
} qc_qchoice_t;

typedef struct {
    const char *code;            /**< the file's own code of the question, or NULL (see above);
                                  letters, digits, '-', '_', '.', at most 64 */
    const char *topic_code;      /**< the file's own code of the topic, or NULL: the store then
                                  finds the contest's topic of that title, or makes a code */
    const char *topic_title;     /**< never NULL */
    const char *kind;            /**< "single" or "multiple" */
    const char *text;            /**< plain text, NFC, trimmed (HTML reduced to its text) */
    const char *explanation;     /**< "" when none */
    apr_array_header_t *choices; /**< qc_qchoice_t, in the file's order */
    int line;                    /**< line where the question starts in the file */
} qc_qquestion_t;

typedef struct {
    int line;         /**< line in the file (of the second one, for a duplicate) */
    const char *what; /**< the question's code, or the start of its text */
    const char *key;  /**< message key, "qbank.reject.*" or "qbank.duplicate" */
    int nargs;
    const char *args[4];
    const char *reason; /**< key formatted with the reader's messages: Vietnamese */
} qc_qreject_t;

typedef struct {
    const char *format;             /**< "moodle", "gift", "aiken", "csv", "xlsx", "docx" or "native" */
    apr_array_header_t *questions;  /**< qc_qquestion_t, accepted */
    apr_array_header_t *rejects;    /**< qc_qreject_t */
    apr_array_header_t *duplicates; /**< qc_qreject_t: a stem seen before in the file (line of
                                           the second; reason names the first line), or, after
                                           qc_qbank_drop_known, a stem the bank has under
                                           another code. A duplicate is not among the
                                           questions. */
} qc_qbank_t;

/**
 * Read a bank from data[0..len). format is "moodle", "gift", "aiken", "csv", "xlsx" (an Excel
 * workbook: its first worksheet, with the CSV columns), "docx" (a Word document: numbered
 * stems, options A.–J., the right one bold, underlined or with "*"), "native" or "auto"
 * (decided from the content: a zip is read as "docx" when it holds word/document.xml, else as
 * "xlsx"). msgs (may be NULL) formats the reasons. Returns APR_SUCCESS
 * (even with rejected questions: see bank->rejects) or QC_EINPUT with *errmsg (Vietnamese,
 * precise) when the whole file is unusable: empty or over QC_QBANK_MAX_BYTES, UTF-16 or another
 * encoding than UTF-8 (naming it, and saying how to save as "CSV UTF-8" from Excel), control
 * characters, not well-formed XML (with the line), a DOCTYPE (refused: no DTD, no entity
 * expansion, no external entity, no network), an unknown format.
 */
apr_status_t qc_qbank_read(apr_pool_t *p, const char *data, apr_size_t len, const char *format,
                           const qc_messages_t *msgs, qc_qbank_t **bank, const char **errmsg);

/**
 * How many questions of the file an import would leave out: the rejected ones and the
 * duplicates (within the file, and, after qc_qbank_drop_known, against the bank).
 */
int qc_qbank_left_out(const qc_qbank_t *bank);

/**
 * The import rule, the same for quizcontest-admin and the secretariat's pages: a bank is
 * stored all or nothing, so it may be stored only when no question is left out
 * (qc_qbank_left_out is 0), or when the user said to leave them out (leave_out: the CLI's
 * --skip-rejected, the page's tick), and then only bank->questions are stored.
 */
int qc_qbank_may_store(const qc_qbank_t *bank, int leave_out);

/** The key under which two stems are the same question: NFC, white space squeezed, lower
 *  case. */
const char *qc_qbank_stem_key(apr_pool_t *p, const char *text);

/**
 * Duplicates against the bank: `known` maps qc_qbank_stem_key of the bank's current questions
 * to the set of their codes (an apr_hash_t whose keys are the codes). Each accepted question
 * whose stem is known, but not under its own code, is moved from bank->questions to
 * bank->duplicates ("qbank.duplicate_bank", naming one of those codes), in the file's order. A
 * question whose code is among them is an update of that question, not a duplicate.
 */
void qc_qbank_drop_known(apr_pool_t *p, qc_qbank_t *bank, apr_hash_t *known,
                         const qc_messages_t *msgs);

/** The format a file's name says ("xlsx" for name.xlsx, "docx", any case), or NULL: a page or the
 *  tool reads a file so named with that format instead of "auto", so that a .xlsx that is
 *  not a workbook is refused as such rather than read as text. */
const char *qc_qbank_format_of_name(const char *filename);

/** An empty bank (for building one by hand or loading). */
qc_qbank_t *qc_qbank_make(apr_pool_t *p, const char *format);

/** The code under which q is stored: its own, or "q-" + 16 hex digits of the SHA-256 of its
 *  stem (NFC, white space squeezed, lower case). */
const char *qc_qbank_question_code(apr_pool_t *p, const qc_qquestion_t *q);

/** A topic code made from a title: lower-case ASCII letters and digits joined by '-',
 *  Vietnamese marks removed ("Kinh tế số" -> "kinh-te-so"), at most 48 characters. */
const char *qc_qbank_topic_slug(apr_pool_t *p, const char *title);

/**
 * The report of a read, for a page's XML document (the stylesheet shows it; nothing is built
 * as HTML here). Appends to parent:
 *   <qbank-report format="csv" accepted="12" rejected="2" duplicates="1">
 *     <reject line="5" what="csv-07" key="qbank.reject.unknown_letter">reason</reject>
 *     <duplicate line="9" what="..." key="qbank.duplicate">reason</duplicate>
 *     <question line="2" code="csv-01" topic="..." kind="single">
 *       <text>...</text><choice correct="1">...</choice>...<explanation>...</explanation>
 *     </question>
 *   </qbank-report>
 * with at most max_questions <question> elements (-1: all). Returns the report element.
 */
xmlNodePtr qc_qbank_report_xml(xmlNodePtr parent, const qc_qbank_t *bank, int max_questions);

/** Write the bank as Moodle XML: a category question per topic ("$course$/top/Title", its
 *  code as idnumber), then multichoice questions (code as name and idnumber, plain text). */
apr_status_t qc_qbank_write_moodle(apr_pool_t *p, const qc_qbank_t *bank, const char **out,
                                   apr_size_t *len);

/** Write the bank as CSV UTF-8 with BOM, comma-separated, CRLF, every field quoted, with the
 *  header qc_qbank_read expects: code,topic_code,topic,kind,question,A..(as many as needed),
 *  correct,explanation. */
apr_status_t qc_qbank_write_csv(apr_pool_t *p, const qc_qbank_t *bank, const char **out,
                                apr_size_t *len);

/** Write the bank in the project's own question-bank XML. */
apr_status_t qc_qbank_write_native(apr_pool_t *p, const qc_qbank_t *bank, const char **out,
                                   apr_size_t *len);

/** One of the writers by name ("moodle", "csv", "native"); APR_ENOTIMPL for another name. */
apr_status_t qc_qbank_write(apr_pool_t *p, const qc_qbank_t *bank, const char *format,
                            const char **out, apr_size_t *len);

#endif
