/* The question-bank exchange formats (lib/qc_qbank.c): every reader with its traps, the
 * whole-file refusals, and a round trip through every writer. Fixtures in fixtures/qbank/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_unit.h"
#include "qc_messages.h"
#include "qc_qbank.h"
#include "qc_status.h"
#include "qc_xml.h"

#define FIXTURES QC_SRCDIR "/tests/unit/fixtures/qbank/"

static const qc_messages_t *msgs(void)
{
    qc_messages_t *m = NULL;
    const char *err = NULL;
    ck_assert_int_eq(qc_messages_load(qc_test_pool, QC_SRCDIR "/xslt/messages.xml", NULL, &m, &err),
                     APR_SUCCESS);
    return m;
}

static const char *slurp(const char *path, apr_size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = apr_palloc(qc_test_pool, (apr_size_t)n + 1);
    ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (apr_size_t)n;
    return buf;
}

static qc_qbank_t *read_fixture(const char *name, const char *format)
{
    apr_size_t len;
    const char *data = slurp(apr_pstrcat(qc_test_pool, FIXTURES, name, NULL), &len), *err = NULL;
    qc_qbank_t *bank = NULL;
    ck_assert_msg(qc_qbank_read(qc_test_pool, data, len, format, msgs(), &bank, &err) ==
                      APR_SUCCESS,
                  "%s: %s", name, err ? err : "");
    return bank;
}

/* The whole-file refusal of a fixture. */
static const char *refusal(const char *name)
{
    apr_size_t len;
    const char *data = slurp(apr_pstrcat(qc_test_pool, FIXTURES, name, NULL), &len), *err = NULL;
    qc_qbank_t *bank = NULL;
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, data, len, "auto", msgs(), &bank, &err),
                     QC_EINPUT);
    ck_assert_ptr_nonnull(err);
    return err;
}

static const qc_qquestion_t *q_at(const qc_qbank_t *b, int i)
{
    ck_assert_int_gt(b->questions->nelts, i);
    return &APR_ARRAY_IDX(b->questions, i, qc_qquestion_t);
}

static const qc_qchoice_t *c_at(const qc_qquestion_t *q, int i)
{
    ck_assert_int_gt(q->choices->nelts, i);
    return &APR_ARRAY_IDX(q->choices, i, qc_qchoice_t);
}

static const qc_qreject_t *r_at(const apr_array_header_t *list, int i)
{
    ck_assert_int_gt(list->nelts, i);
    return &APR_ARRAY_IDX(list, i, qc_qreject_t);
}

/* The reject at `line` has `key`, and its Vietnamese reason contains `part`. */
static void assert_reject(const apr_array_header_t *list, int i, int line, const char *key,
                          const char *part)
{
    const qc_qreject_t *r = r_at(list, i);
    ck_assert_int_eq(r->line, line);
    ck_assert_str_eq(r->key, key);
    ck_assert_msg(strstr(r->reason, part) != NULL, "reason \"%s\" lacks \"%s\"", r->reason, part);
    ck_assert_msg(r->reason[0] != '[', "reason not formatted: %s", r->reason);
}

static void assert_choices(const qc_qquestion_t *q, const char *key)
{
    int i;
    ck_assert_int_eq(q->choices->nelts, (int)strlen(key));
    for (i = 0; key[i]; i++) {
        ck_assert_int_eq(c_at(q, i)->correct, key[i] == '1');
    }
}

START_TEST(moodle_categories_html_truefalse_multiple)
{
    qc_qbank_t *b = read_fixture("moodle.xml", "auto");
    const qc_qquestion_t *q;
    ck_assert_str_eq(b->format, "moodle");
    ck_assert_int_eq(b->questions->nelts, 3);
    q = q_at(b, 0);
    ck_assert_str_eq(q->code, "cps-01");
    ck_assert_str_eq(q->topic_title, "Chính phủ số");
    ck_assert_str_eq(q->topic_code, "cps");
    ck_assert_int_eq(q->line, 10);
    /* HTML reduced to text: tags and script gone, &nbsp; and &amp; decoded, blocks spaced */
    ck_assert_str_eq(q->text, "Cổng Dịch vụ công quốc gia có địa chỉ nào? Chọn & đánh dấu một "
                              "đáp án.");
    ck_assert_str_eq(q->explanation, "dichvucong.gov.vn là Cổng Dịch vụ công quốc gia.");
    ck_assert_str_eq(c_at(q, 1)->text, "chinhphu.vn");
    ck_assert_str_eq(q->kind, "single");
    assert_choices(q, "100");
    /* truefalse: a name is no code (names are often "Q1" in every file); idnumber is */
    q = q_at(b, 1);
    ck_assert_ptr_null(q->code);
    ck_assert_str_eq(q->kind, "single");
    ck_assert_str_eq(c_at(q, 0)->text, "Đúng");
    ck_assert_str_eq(c_at(q, 1)->text, "Sai");
    assert_choices(q, "10");
    /* "$course$/top/Chuyển đổi số/Kinh tế số": the last level; multiple: positive fractions */
    q = q_at(b, 2);
    ck_assert_str_eq(q->topic_title, "Kinh tế số");
    ck_assert_ptr_null(q->topic_code);
    ck_assert_str_eq(q->kind, "multiple");
    assert_choices(q, "110");
    ck_assert_int_eq(b->rejects->nelts, 3);
    assert_reject(b->rejects, 0, 39, "qbank.reject.moodle_type", "essay");
    ck_assert_str_eq(r_at(b->rejects, 0)->what, "tu-luan"); /* named by its name */
    assert_reject(b->rejects, 1, 43, "qbank.reject.single_many",
                  "có 2 phương án được đánh dấu đúng (A, B)");
    assert_reject(b->rejects, 2, 51, "qbank.reject.few_choices", "chỉ có 1 phương án");
    ck_assert_int_eq(b->duplicates->nelts, 0);
}
END_TEST

START_TEST(gift_escapes_comments_categories)
{
    qc_qbank_t *b = read_fixture("gift.txt", "auto");
    const qc_qquestion_t *q;
    ck_assert_str_eq(b->format, "gift");
    ck_assert_int_eq(b->questions->nelts, 6);
    q = q_at(b, 0);
    ck_assert_ptr_null(q->code); /* a ::title:: is no code: "Q1" would be in every file */
    ck_assert_str_eq(q->topic_title, "Xã hội số");
    ck_assert_int_eq(q->line, 5);
    ck_assert_str_eq(q->text, "Ngày Chuyển đổi số quốc gia là ngày nào hằng năm?");
    ck_assert_str_eq(c_at(q, 0)->text, "Ngày 10 tháng 10"); /* feedback after # dropped */
    assert_choices(q, "100");
    q = q_at(b, 1);
    ck_assert_str_eq(q->text, "Trong biểu thức \"a = b ~ c\", ký hiệu { } và dấu hai chấm : được "
                              "viết thế nào?");
    ck_assert_str_eq(c_at(q, 0)->text, "Bằng dấu gạch chéo ngược \\ đứng trước");
    ck_assert_str_eq(c_at(q, 2)->text, "Bằng dấu #");
    assert_choices(q, "100");
    q = q_at(b, 2);
    ck_assert_ptr_null(q->code); /* "Câu nhiều đáp án" is a title, not a code */
    ck_assert_str_eq(q->kind, "multiple");
    assert_choices(q, "110");
    q = q_at(b, 3);
    ck_assert_str_eq(q->text, "Sổ sức khỏe điện tử được tích hợp trên ứng dụng VNeID.");
    assert_choices(q, "10");
    q = q_at(b, 4);
    ck_assert_ptr_null(q->code);
    assert_choices(q, "01");
    q = q_at(b, 5);
    ck_assert_str_eq(q->topic_title, "Kỹ năng số");
    ck_assert_str_eq(q->text, "Thư điện tử lừa đảo (phishing) thường yêu cầu điều gì?");
    ck_assert_int_eq(b->rejects->nelts, 3);
    assert_reject(b->rejects, 0, 26, "qbank.reject.gift_type", "shortanswer");
    ck_assert_str_eq(r_at(b->rejects, 0)->what, "tra-loi-ngan"); /* named by its title */
    assert_reject(b->rejects, 1, 28, "qbank.reject.gift_braces", "Thiếu dấu “}”");
    assert_reject(b->rejects, 2, 32, "qbank.reject.single_many", "(A, C)");
}
END_TEST

START_TEST(aiken_both_option_styles)
{
    qc_qbank_t *b = read_fixture("aiken.txt", "auto");
    const qc_qquestion_t *q;
    ck_assert_str_eq(b->format, "aiken");
    ck_assert_int_eq(b->questions->nelts, 4);
    q = q_at(b, 0);
    ck_assert_str_eq(q->topic_title, QC_QBANK_DEFAULT_TOPIC);
    ck_assert_str_eq(c_at(q, 0)->text, "Quyết định số 749/QĐ-TTg");
    assert_choices(q, "1000");
    q = q_at(b, 1); /* "A) " style */
    ck_assert_int_eq(q->line, 8);
    ck_assert_str_eq(c_at(q, 1)->text, "Người dân");
    assert_choices(q, "010");
    q = q_at(b, 2); /* starts right after a question that lacked its ANSWER line */
    ck_assert_int_eq(q->line, 25);
    ck_assert_str_eq(q->text, "Trợ lý ảo nào được nhắc tới trong câu này?");
    q = q_at(b, 3);
    assert_choices(q, "10");
    ck_assert_int_eq(b->rejects->nelts, 3);
    assert_reject(b->rejects, 0, 14, "qbank.reject.unknown_letter", "“E”");
    ck_assert_str_eq(r_at(b->rejects, 0)->args[1], "A–D");
    assert_reject(b->rejects, 1, 21, "qbank.reject.aiken_no_answer", "ANSWER");
    assert_reject(b->rejects, 2, 30, "qbank.reject.aiken_letter", "“C”, đúng ra phải là “B”");
}
END_TEST

START_TEST(csv_bom_comma_quotes_newlines_and_bad_rows)
{
    qc_qbank_t *b = read_fixture("csv_bom_comma.csv", "auto");
    const qc_qquestion_t *q;
    ck_assert_str_eq(b->format, "csv");
    ck_assert_int_eq(b->questions->nelts, 2);
    q = q_at(b, 0);
    ck_assert_str_eq(q->code, "csv-01");
    ck_assert_str_eq(q->topic_title, "Chuyển đổi số");
    ck_assert_str_eq(q->text, "Chuyển đổi số gồm \"ba trụ cột\" nào?");
    ck_assert_str_eq(c_at(q, 0)->text, "Chính phủ số, kinh tế số, xã hội số");
    ck_assert_str_eq(q->explanation, "Dòng một dòng hai của giải thích");
    assert_choices(q, "100"); /* the empty D column is no option */
    q = q_at(b, 1);
    ck_assert_int_eq(q->line, 4);
    ck_assert_str_eq(q->kind, "multiple");
    ck_assert_str_eq(q->text, "Câu hỏi có xuống dòng ở giữa đề bài: chọn các dịch vụ công trực "
                              "tuyến toàn trình?");
    assert_choices(q, "110");
    ck_assert_int_eq(b->rejects->nelts, 6);
    /* the lines count the newlines inside quoted fields */
    assert_reject(b->rejects, 0, 6, "qbank.reject.single_many", "(A, B)");
    assert_reject(b->rejects, 1, 7, "qbank.reject.few_choices", "chỉ có 1 phương án");
    assert_reject(b->rejects, 2, 8, "qbank.reject.empty_choice", "Phương án B để trống");
    assert_reject(b->rejects, 3, 9, "qbank.reject.empty_stem", "đề bài trống");
    assert_reject(b->rejects, 4, 10, "qbank.reject.unknown_letter", "“E”");
    assert_reject(b->rejects, 5, 12, "qbank.reject.bad_kind", "“đôi”");
    /* case, spaces and quotes aside, csv-08 repeats csv-01 */
    ck_assert_int_eq(b->duplicates->nelts, 1);
    assert_reject(b->duplicates, 0, 11, "qbank.duplicate", "dòng 2");
    ck_assert_str_eq(r_at(b->duplicates, 0)->what, "csv-08");
}
END_TEST

START_TEST(csv_semicolon_without_bom_and_nfc)
{
    qc_qbank_t *b = read_fixture("csv_semicolon.csv", "csv");
    const qc_qquestion_t *q;
    ck_assert_int_eq(b->questions->nelts, 3);
    q = q_at(b, 0);
    ck_assert_str_eq(q->topic_title, "Kỹ năng số");
    ck_assert_str_eq(q->explanation, "Mật khẩu từ 8 ký tự; có chữ hoa, thường, số.");
    assert_choices(q, "0010");
    q = q_at(b, 1);
    ck_assert_str_eq(q->text, "Dấu \"chấm phẩy\"; trong đề bài?");
    assert_choices(q, "10"); /* "a" is A */
    /* a stem typed with combining marks is stored precomposed (NFC) */
    q = q_at(b, 2);
    ck_assert_str_eq(q->text, "Tên miền quốc gia của Việt Nam là gì?");
    /* ... and the same stem in NFD is a duplicate */
    ck_assert_int_eq(b->duplicates->nelts, 1);
    assert_reject(b->duplicates, 0, 4, "qbank.duplicate", "dòng 2");
    ck_assert_int_eq(b->rejects->nelts, 0);
}
END_TEST

START_TEST(native_reader_reports_instead_of_stopping)
{
    qc_qbank_t *b = read_fixture("native.xml", "auto");
    ck_assert_str_eq(b->format, "native");
    ck_assert_int_eq(b->questions->nelts, 1);
    ck_assert_str_eq(q_at(b, 0)->topic_code, "dlso");
    ck_assert_str_eq(q_at(b, 0)->explanation,
                     "Bộ Công an xây dựng và quản lý Cơ sở dữ liệu quốc gia về dân cư.");
    ck_assert_int_eq(b->rejects->nelts, 5);
    assert_reject(b->rejects, 0, 11, "qbank.reject.native_code", "thiếu mã");
    assert_reject(b->rejects, 1, 16, "qbank.reject.bad_kind", "“both”");
    assert_reject(b->rejects, 2, 21, "qbank.reject.code_reused", "dòng 5");
    assert_reject(b->rejects, 3, 26, "qbank.reject.multiple_none", "không có phương án nào");
    assert_reject(b->rejects, 4, 32, "qbank.reject.native_topic", "1 câu hỏi");
}
END_TEST

START_TEST(demo_bank_reads_as_native)
{
    apr_size_t len;
    const char *data = slurp(QC_SRCDIR "/conf/demo/question-bank.xml", &len), *err = NULL;
    qc_qbank_t *b;
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, data, len, "native", NULL, &b, &err), APR_SUCCESS);
    ck_assert_int_ge(b->questions->nelts, 100);
    ck_assert_int_eq(b->rejects->nelts, 0);
    ck_assert_int_eq(b->duplicates->nelts, 0);
    /* a native file is refused as Moodle XML */
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, data, len, "moodle", msgs(), &b, &err), QC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err, "<question-bank"));
}
END_TEST

START_TEST(encodings_are_named)
{
    const char *e = refusal("utf16.csv");
    ck_assert_msg(strstr(e, "UTF-16 LE") && strstr(e, "CSV UTF-8"), "%s", e);
    e = refusal("utf16_nobom.csv");
    ck_assert_msg(strstr(e, "UTF-16 BE"), "%s", e);
    e = refusal("cp1258.csv");
    ck_assert_msg(strstr(e, "Windows-1258") && strstr(e, "dòng 2") && strstr(e, "CSV UTF-8"), "%s",
                  e);
    e = refusal("cp1252.csv");
    ck_assert_msg(strstr(e, "Windows-1252"), "%s", e);
}
END_TEST

START_TEST(xml_doctype_and_syntax_refused)
{
    const char *e = refusal("doctype_bomb.xml");
    ck_assert_msg(strstr(e, "DOCTYPE") && strstr(e, "dòng 2"), "%s", e);
    e = refusal("doctype_external.xml");
    ck_assert_msg(strstr(e, "DOCTYPE") && strstr(e, "dòng 3"), "%s", e);
    ck_assert_msg(!strstr(e, "root:"), "%s", e); /* /etc/passwd was never read */
    e = refusal("broken.xml");
    ck_assert_msg(strstr(e, "sai cú pháp ở dòng 4"), "%s", e);
}
END_TEST

START_TEST(whole_file_refusals)
{
    const char *err = NULL;
    qc_qbank_t *b;
    apr_size_t big = QC_QBANK_MAX_BYTES + 1;
    char *data = apr_palloc(qc_test_pool, big);
    memset(data, 'a', big);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, data, big, "auto", msgs(), &b, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "10 MiB"), "%s", err);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, " \r\n ", 4, "auto", msgs(), &b, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "rỗng"), "%s", err);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, "Chỉ là một dòng chữ.\nVà dòng nữa.\n", 37, "auto",
                                   msgs(), &b, &err),
                     QC_EINPUT);
    ck_assert_msg(strstr(err, "Không nhận ra định dạng"), "%s", err);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, "x", 1, "pdf", msgs(), &b, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "“pdf”"), "%s", err);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, "a,b\nc\x01,d\n", 10, "csv", msgs(), &b, &err),
                     QC_EINPUT);
    ck_assert_msg(strstr(err, "dòng 2"), "%s", err);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, "x;y;z\n1;2;3\n", 12, "csv", msgs(), &b, &err),
                     QC_EINPUT);
    ck_assert_msg(strstr(err, "question, A, B và correct"), "%s", err);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, "question,A,B,correct\n\"Mở,x,y,A\n", 30, "csv",
                                   msgs(), &b, &err),
                     QC_EINPUT);
    ck_assert_msg(strstr(err, "dòng 2"), "%s", err);
}
END_TEST

START_TEST(reasons_without_messages_keep_key_and_args)
{
    const char *csv = "question,A,B,correct\nCâu một?,Có,Không,C\n", *err = NULL;
    qc_qbank_t *b;
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, csv, strlen(csv), "auto", NULL, &b, &err),
                     APR_SUCCESS);
    ck_assert_int_eq(b->rejects->nelts, 1);
    ck_assert_str_eq(r_at(b->rejects, 0)->reason, "[qbank.reject.unknown_letter] C | A–B");
}
END_TEST

START_TEST(codes_and_slugs)
{
    qc_qquestion_t q;
    memset(&q, 0, sizeof(q));
    ck_assert_str_eq(qc_qbank_topic_slug(qc_test_pool, "Chương trình chuyển đổi số quốc gia"),
                     "chuong-trinh-chuyen-doi-so-quoc-gia");
    ck_assert_str_eq(qc_qbank_topic_slug(qc_test_pool, "Đảm bảo an toàn, an ninh mạng!"),
                     "dam-bao-an-toan-an-ninh-mang");
    ck_assert_str_eq(qc_qbank_topic_slug(qc_test_pool, "!!!"), "chu-de");
    q.text = "Ngày Chuyển đổi số quốc gia?";
    {
        const char *c1 = qc_qbank_question_code(qc_test_pool, &q);
        q.text = "  NGÀY chuyển đổi   số quốc gia? ";
        ck_assert_str_eq(qc_qbank_question_code(qc_test_pool, &q), c1);
        ck_assert_int_eq(strlen(c1), 18);
        ck_assert_int_eq(strncmp(c1, "q-", 2), 0);
    }
    q.code = "ma-1";
    ck_assert_str_eq(qc_qbank_question_code(qc_test_pool, &q), "ma-1");
}
END_TEST

/* Two banks hold the same questions: codes as stored, topics, kinds, texts, choices, keys. */
static void assert_same_bank(const qc_qbank_t *a, const qc_qbank_t *b, int topic_codes)
{
    int i, j;
    ck_assert_int_eq(a->questions->nelts, b->questions->nelts);
    ck_assert_int_eq(b->rejects->nelts, 0);
    ck_assert_int_eq(b->duplicates->nelts, 0);
    for (i = 0; i < a->questions->nelts; i++) {
        const qc_qquestion_t *x = q_at(a, i), *y = q_at(b, i);
        ck_assert_str_eq(qc_qbank_question_code(qc_test_pool, x),
                         qc_qbank_question_code(qc_test_pool, y));
        ck_assert_str_eq(x->topic_title, y->topic_title);
        if (topic_codes && x->topic_code) {
            ck_assert_str_eq(x->topic_code, y->topic_code);
        }
        ck_assert_str_eq(x->kind, y->kind);
        ck_assert_str_eq(x->text, y->text);
        ck_assert_str_eq(x->explanation, y->explanation);
        ck_assert_int_eq(x->choices->nelts, y->choices->nelts);
        for (j = 0; j < x->choices->nelts; j++) {
            ck_assert_str_eq(c_at(x, j)->text, c_at(y, j)->text);
            ck_assert_int_eq(c_at(x, j)->correct, c_at(y, j)->correct);
        }
    }
}

static void round_trip(const char *format)
{
    static const char *const sources[] = {"moodle.xml",        "gift.txt",          "aiken.txt",
                                          "csv_bom_comma.csv", "csv_semicolon.csv", NULL};
    const char *out = NULL, *err = NULL;
    apr_size_t len = 0, dlen;
    qc_qbank_t *a, *b;
    int i;
    for (i = 0; sources[i]; i++) {
        a = read_fixture(sources[i], "auto");
        ck_assert_int_eq(qc_qbank_write(qc_test_pool, a, format, &out, &len), APR_SUCCESS);
        ck_assert_msg(qc_qbank_read(qc_test_pool, out, len, "auto", msgs(), &b, &err) ==
                          APR_SUCCESS,
                      "%s as %s: %s", sources[i], format, err);
        ck_assert_str_eq(b->format, format);
        assert_same_bank(a, b, 1);
    }
    {
        const char *data = slurp(QC_SRCDIR "/conf/demo/question-bank.xml", &dlen);
        ck_assert_int_eq(qc_qbank_read(qc_test_pool, data, dlen, "auto", NULL, &a, &err),
                         APR_SUCCESS);
        ck_assert_int_eq(qc_qbank_write(qc_test_pool, a, format, &out, &len), APR_SUCCESS);
        ck_assert_int_eq(qc_qbank_read(qc_test_pool, out, len, "auto", NULL, &b, &err),
                         APR_SUCCESS);
        assert_same_bank(a, b, 1);
    }
}

START_TEST(round_trip_moodle)
{
    round_trip("moodle");
}
END_TEST

START_TEST(round_trip_csv)
{
    const char *out = NULL;
    apr_size_t len = 0;
    round_trip("csv");
    /* Excel's "CSV UTF-8": a BOM, CRLF line ends */
    ck_assert_int_eq(qc_qbank_write_csv(qc_test_pool, read_fixture("gift.txt", "gift"), &out, &len),
                     APR_SUCCESS);
    ck_assert_int_eq(memcmp(out, "\xef\xbb\xbf\"code\",", 10), 0);
    ck_assert_ptr_nonnull(strstr(out, "\r\n"));
}
END_TEST

START_TEST(round_trip_native)
{
    round_trip("native");
}
END_TEST

START_TEST(writers_escape_markup)
{
    const char *csv =
        "code,question,A,B,correct\nx-1,\"<b>in đậm</b> & \"\"ngoặc\"\"\",a<b,c&d,A\n";
    const char *err = NULL, *out = NULL;
    apr_size_t len = 0;
    qc_qbank_t *a, *b;
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, csv, strlen(csv), "csv", NULL, &a, &err),
                     APR_SUCCESS);
    /* CSV text is not HTML: kept as typed */
    ck_assert_str_eq(q_at(a, 0)->text, "<b>in đậm</b> & \"ngoặc\"");
    ck_assert_int_eq(qc_qbank_write_native(qc_test_pool, a, &out, &len), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(out, "&lt;b&gt;in đậm&lt;/b&gt; &amp;"));
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, out, len, "auto", NULL, &b, &err), APR_SUCCESS);
    ck_assert_str_eq(q_at(b, 0)->text, "<b>in đậm</b> & \"ngoặc\"");
    ck_assert_int_eq(qc_qbank_write_moodle(qc_test_pool, a, &out, &len), APR_SUCCESS);
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, out, len, "auto", NULL, &b, &err), APR_SUCCESS);
    ck_assert_str_eq(q_at(b, 0)->text, "<b>in đậm</b> & \"ngoặc\"");
    ck_assert_str_eq(c_at(q_at(b, 0), 0)->text, "a<b");
}
END_TEST

START_TEST(smaller_format_features)
{
    const char *err = NULL, *out = NULL;
    apr_size_t len = 0;
    qc_qbank_t *b;
    /* GIFT: text after the answers (missing word), an entity, \n, Moodle's $system$ paths */
    const char *gift = "$CATEGORY: $system$/Chủ đề A//B\n\n"
                       "Chuyển đổi số lấy {=người dân ~doanh nghiệp} làm trung tâm.\n\n"
                       "[html]Dòng một\\nvà &quot;dòng hai&quot; {~sai =đúng}\n";
    /* CSV with TAB, columns in another order, Vietnamese header names */
    const char *tsv = "Câu hỏi\tĐáp án\tA\tB\tC\tGiải thích\tChủ đề\n"
                      "Các trụ cột?\tA; C\tChính phủ số\tÔ tô\tXã hội số\tBa trụ cột.\tTrụ cột\n";
    /* Aiken: ANSWER with two letters makes a multiple-answer question; a stem on two lines */
    const char *aiken = "Những nền tảng số nào\nlà của quốc gia?\nA. VNeID\nB. Một trò chơi\n"
                        "C. Cổng Dịch vụ công quốc gia\nANSWER: A, C\n";
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, gift, strlen(gift), "auto", msgs(), &b, &err),
                     APR_SUCCESS);
    ck_assert_int_eq(b->questions->nelts, 2);
    ck_assert_str_eq(q_at(b, 0)->topic_title, "Chủ đề A/B"); /* "//" is a "/" in a name */
    ck_assert_str_eq(q_at(b, 0)->text, "Chuyển đổi số lấy _____ làm trung tâm.");
    ck_assert_str_eq(q_at(b, 1)->text, "Dòng một và \"dòng hai\"");
    assert_choices(q_at(b, 1), "01");
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, tsv, strlen(tsv), "auto", msgs(), &b, &err),
                     APR_SUCCESS);
    ck_assert_str_eq(b->format, "csv");
    ck_assert_int_eq(b->questions->nelts, 1);
    ck_assert_str_eq(q_at(b, 0)->kind, "multiple");
    ck_assert_str_eq(q_at(b, 0)->topic_title, "Trụ cột");
    ck_assert_str_eq(q_at(b, 0)->explanation, "Ba trụ cột.");
    assert_choices(q_at(b, 0), "101");
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, aiken, strlen(aiken), "auto", msgs(), &b, &err),
                     APR_SUCCESS);
    ck_assert_str_eq(b->format, "aiken");
    ck_assert_str_eq(q_at(b, 0)->text, "Những nền tảng số nào là của quốc gia?");
    ck_assert_str_eq(q_at(b, 0)->kind, "multiple");
    assert_choices(q_at(b, 0), "101");
    /* Moodle fractions of a multiple-answer question: right ones share 100, wrong ones -100 */
    ck_assert_int_eq(
        qc_qbank_read(qc_test_pool,
                      "question,kind,A,B,C,D,correct\nBa đúng?,multiple,a,b,c,d,\"A,B,D\"\n", 66,
                      "csv", msgs(), &b, &err),
        APR_SUCCESS);
    ck_assert_int_eq(b->questions->nelts, 1);
    ck_assert_int_eq(qc_qbank_write_moodle(qc_test_pool, b, &out, &len), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(out, "fraction=\"33.33333\""));
    ck_assert_ptr_nonnull(strstr(out, "fraction=\"-100\""));
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, out, len, "auto", msgs(), &b, &err), APR_SUCCESS);
    assert_choices(q_at(b, 0), "1101");
    /* two options equal but for case: rejected */
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, "question,A,B,correct\nHỏi?,Có,CÓ,A\n", 38, "csv",
                                   msgs(), &b, &err),
                     APR_SUCCESS);
    assert_reject(b->rejects, 0, 2, "qbank.reject.same_choices", "A và B");
}
END_TEST

START_TEST(report_as_xml)
{
    qc_qbank_t *b = read_fixture("csv_bom_comma.csv", "auto");
    xmlDocPtr doc = qc_xml_doc(qc_test_pool, "page");
    apr_size_t len = 0;
    const char *x;
    qc_qbank_report_xml(xmlDocGetRootElement(doc), b, 1);
    x = qc_xml_serialise(qc_test_pool, doc, &len);
    ck_assert_ptr_nonnull(strstr(x, "<qbank-report format=\"csv\" accepted=\"2\" rejected=\"6\" "
                                    "duplicates=\"1\">"));
    ck_assert_ptr_nonnull(strstr(x, "<reject line=\"10\" what=\"csv-07\" "
                                    "key=\"qbank.reject.unknown_letter\">Đáp án “E”"));
    ck_assert_ptr_nonnull(strstr(x, "<duplicate line=\"11\""));
    /* one question at most, its text escaped by libxml2 */
    ck_assert_ptr_nonnull(strstr(x, "<text>Chuyển đổi số gồm \"ba trụ cột\" nào?</text>"));
    ck_assert_ptr_null(strstr(x, "csv-02"));
}
END_TEST

/* The import rule and the duplicates against the bank (qc_qbank_may_store, qc_qbank_drop_known):
 * a stem the bank has under another code is moved to the duplicates; under its own code (one of
 * several, when the bank holds the same stem twice) it is an update. */
START_TEST(duplicates_against_the_bank_and_the_rule)
{
    static const char csv[] = "code,question,A,B,correct\n"
                              "c-1,Câu một?,x,y,A\n"
                              "c-2,Câu  HAI?,x,y,A\n"
                              "c-3,Câu ba?,x,y,A\n"
                              "c-4,Câu bốn?,x,y,A\n";
    qc_qbank_t *bank = NULL;
    const char *err = NULL;
    apr_hash_t *known = apr_hash_make(qc_test_pool), *two = apr_hash_make(qc_test_pool),
               *one = apr_hash_make(qc_test_pool), *own = apr_hash_make(qc_test_pool);
    const qc_qreject_t *d;
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, csv, sizeof(csv) - 1, "csv", msgs(), &bank, &err),
                     APR_SUCCESS);
    ck_assert_int_eq(bank->questions->nelts, 4);
    ck_assert(qc_qbank_may_store(bank, 0));
    apr_hash_set(one, "web-abc", APR_HASH_KEY_STRING, "");
    apr_hash_set(known, qc_qbank_stem_key(qc_test_pool, "câu hai?"), APR_HASH_KEY_STRING, one);
    apr_hash_set(own, "c-3", APR_HASH_KEY_STRING, "");
    apr_hash_set(known, qc_qbank_stem_key(qc_test_pool, "Câu ba?"), APR_HASH_KEY_STRING, own);
    apr_hash_set(two, "c-4", APR_HASH_KEY_STRING, "");
    apr_hash_set(two, "old-4", APR_HASH_KEY_STRING, "");
    apr_hash_set(known, qc_qbank_stem_key(qc_test_pool, "Câu bốn?"), APR_HASH_KEY_STRING, two);
    qc_qbank_drop_known(qc_test_pool, bank, known, msgs());
    ck_assert_int_eq(bank->questions->nelts, 3);
    ck_assert_str_eq(q_at(bank, 0)->code, "c-1");
    ck_assert_str_eq(q_at(bank, 1)->code, "c-3");
    ck_assert_str_eq(q_at(bank, 2)->code, "c-4");
    ck_assert_int_eq(bank->duplicates->nelts, 1);
    d = &APR_ARRAY_IDX(bank->duplicates, 0, qc_qreject_t);
    ck_assert_int_eq(d->line, 3);
    ck_assert_str_eq(d->key, "qbank.duplicate_bank");
    ck_assert_str_eq(d->args[0], "web-abc");
    ck_assert_ptr_nonnull(strstr(d->reason, "web-abc"));
    ck_assert_int_eq(qc_qbank_left_out(bank), 1);
    ck_assert(!qc_qbank_may_store(bank, 0));
    ck_assert(qc_qbank_may_store(bank, 1));
}
END_TEST

Suite *qc_suite_qbank(void)
{
    Suite *s = suite_create("qbank");
    TCase *tc = tcase_create("formats");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, moodle_categories_html_truefalse_multiple);
    tcase_add_test(tc, gift_escapes_comments_categories);
    tcase_add_test(tc, aiken_both_option_styles);
    tcase_add_test(tc, csv_bom_comma_quotes_newlines_and_bad_rows);
    tcase_add_test(tc, csv_semicolon_without_bom_and_nfc);
    tcase_add_test(tc, native_reader_reports_instead_of_stopping);
    tcase_add_test(tc, demo_bank_reads_as_native);
    tcase_add_test(tc, encodings_are_named);
    tcase_add_test(tc, xml_doctype_and_syntax_refused);
    tcase_add_test(tc, whole_file_refusals);
    tcase_add_test(tc, reasons_without_messages_keep_key_and_args);
    tcase_add_test(tc, codes_and_slugs);
    tcase_add_test(tc, round_trip_moodle);
    tcase_add_test(tc, round_trip_csv);
    tcase_add_test(tc, round_trip_native);
    tcase_add_test(tc, writers_escape_markup);
    tcase_add_test(tc, smaller_format_features);
    tcase_add_test(tc, report_as_xml);
    tcase_add_test(tc, duplicates_against_the_bank_and_the_rule);
    suite_add_tcase(s, tc);
    return s;
}
