/* Question banks kept as Excel workbooks (lib/rules/qc_qbank_xlsx.c): small .xlsx files are
 * built here with libzip, read through qc_qbank_read like any bank, and hostile or misnamed
 * files are refused with their Vietnamese message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <apr_strings.h>
#include <zip.h>
#include "qc_unit.h"
#include "qc_messages.h"
#include "qc_qbank.h"
#include "qc_status.h"

static const qc_messages_t *msgs(void)
{
    qc_messages_t *m = NULL;
    const char *err = NULL;
    ck_assert_int_eq(qc_messages_load(qc_test_pool, QC_SRCDIR "/xslt/messages.xml", NULL, &m, &err),
                     APR_SUCCESS);
    return m;
}

/* A zip of the given parts (name, content; NULL-terminated), as bytes in the test pool. */
static const char *make_zip(apr_size_t *len, const char *const *parts, const apr_size_t *sizes)
{
    char path[] = "/tmp/qc-xlsx-XXXXXX";
    int fd = mkstemp(path), err = 0, i;
    zip_t *z;
    FILE *f;
    char *buf;
    long n;
    ck_assert_int_ge(fd, 0);
    close(fd);
    z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    ck_assert_ptr_nonnull(z);
    for (i = 0; parts[i]; i += 2) {
        apr_size_t sz = sizes && sizes[i / 2] ? sizes[i / 2] : strlen(parts[i + 1]);
        zip_source_t *s = zip_source_buffer(z, parts[i + 1], sz, 0);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_ge(zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE), 0);
    }
    ck_assert_int_eq(zip_close(z), 0);
    f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = apr_palloc(qc_test_pool, (apr_size_t)n + 1);
    ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    unlink(path);
    *len = (apr_size_t)n;
    return buf;
}

#define CT                                                                                         \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "                                            \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
#define WORKBOOK                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                   \
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "               \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"             \
    "<sheets><sheet name=\"Câu hỏi\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"
#define RELS                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                   \
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"       \
    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"      \
    "relationships/worksheet\" Target=\"worksheets/cau-hoi.xml\"/></Relationships>"
#define SHEET_OPEN                                                                                 \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                   \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define SHEET_CLOSE "</sheetData></worksheet>"
#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define SS(ref, idx) "<c r=\"" ref "\" t=\"s\"><v>" idx "</v></c>"

/* Shared strings: 0 "question", 1 "correct", 2 a rich-text stem in two runs, 3 "Sai" */
#define SST                                                                                        \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                   \
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\">"        \
    "<si><t>question</t></si><si><t>correct</t></si>"                                              \
    "<si><r><t>Luật An ninh mạng </t></r><r><rPr><b/></rPr><t>có hiệu lực năm nào?</t></r>"       \
    "<rPh><t>x</t></rPh></si><si><t>Sai</t></si></sst>"

static const char *good_workbook(apr_size_t *len)
{
    static const char *const parts[] = {
        "[Content_Types].xml", CT, "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels",
        RELS, "xl/sharedStrings.xml", SST, "xl/worksheets/cau-hoi.xml",
        SHEET_OPEN
        "<row r=\"1\">" IS("A1", "topic") SS("B1", "0") IS("C1", "A") IS("D1", "B") IS("E1", "C")
        IS("F1", "D") SS("G1", "1") "</row>"
        "<row r=\"2\">" IS("A2", "Pháp luật") SS("B2", "2") "<c r=\"C2\"><v>2017</v></c>"
        "<c r=\"D2\"><v>2018</v></c><c r=\"E2\"><v>2019</v></c><c r=\"F2\"><v>2020</v></c>"
        IS("G2", "C") "</row>"
        /* row 3 left out by the sheet (empty); row 4: a mark for an option that is not there */
        "<row r=\"4\">" IS("A4", "Pháp luật") IS("B4", "Cơ quan nào chủ trì?") IS("C4", "Bộ Công an")
        IS("D4", "Bộ Quốc phòng") IS("G4", "E") "</row>"
        /* row 5: cells skipped in the middle (C5 empty), options B and D */
        "<row r=\"5\">" IS("B5", "Ngày Pháp luật Việt Nam là ngày nào?") IS("D5", "9/11")
        IS("E5", "2/9") SS("F5", "3") IS("G5", "a") "</row>" SHEET_CLOSE,
        NULL};
    return make_zip(len, parts, NULL);
}

START_TEST(xlsx_rows_read_as_csv_rows)
{
    apr_size_t len;
    const char *data = good_workbook(&len), *err = NULL;
    qc_qbank_t *b = NULL;
    const qc_qquestion_t *q;
    const qc_qreject_t *j;
    ck_assert_msg(qc_qbank_read(qc_test_pool, data, len, "auto", msgs(), &b, &err) == APR_SUCCESS,
                  "%s", err ? err : "");
    ck_assert_str_eq(b->format, "xlsx");
    ck_assert_int_eq(b->questions->nelts, 1);
    q = &APR_ARRAY_IDX(b->questions, 0, qc_qquestion_t);
    ck_assert_int_eq(q->line, 2);
    ck_assert_str_eq(q->text, "Luật An ninh mạng có hiệu lực năm nào?");
    ck_assert_str_eq(q->topic_title, "Pháp luật");
    ck_assert_int_eq(q->choices->nelts, 4);
    ck_assert_str_eq(APR_ARRAY_IDX(q->choices, 2, qc_qchoice_t).text, "2019");
    ck_assert_int_eq(APR_ARRAY_IDX(q->choices, 2, qc_qchoice_t).correct, 1);
    ck_assert_int_eq(APR_ARRAY_IDX(q->choices, 0, qc_qchoice_t).correct, 0);
    /* the wrong mark (row 4) and the empty option A (row 5) are reported with their rows */
    ck_assert_int_eq(b->rejects->nelts, 2);
    j = &APR_ARRAY_IDX(b->rejects, 0, qc_qreject_t);
    ck_assert_int_eq(j->line, 4);
    ck_assert_str_eq(j->key, "qbank.reject.unknown_letter");
    ck_assert_str_eq(j->args[0], "E");
    ck_assert_str_eq(j->args[1], "A–B");
    ck_assert_ptr_nonnull(strstr(j->reason, "E"));
    j = &APR_ARRAY_IDX(b->rejects, 1, qc_qreject_t);
    ck_assert_int_eq(j->line, 5);
    ck_assert_str_eq(j->key, "qbank.reject.empty_choice");
    /* named .xlsx, read as "xlsx": the same */
    ck_assert_str_eq(qc_qbank_format_of_name("Ngan-hang.XLSX"), "xlsx");
    ck_assert_ptr_null(qc_qbank_format_of_name("bank.csv"));
    ck_assert_ptr_null(qc_qbank_format_of_name(NULL));
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, data, len, "xlsx", msgs(), &b, &err),
                     APR_SUCCESS);
    ck_assert_int_eq(b->questions->nelts, 1);
}
END_TEST

static const char *refused(const char *data, apr_size_t len, const char *format)
{
    const char *err = NULL;
    qc_qbank_t *b = NULL;
    ck_assert_int_eq(qc_qbank_read(qc_test_pool, data, len, format, msgs(), &b, &err), QC_EINPUT);
    ck_assert_ptr_nonnull(err);
    return err;
}

START_TEST(xlsx_not_what_its_name_says)
{
    static const char *const no_sheet[] = {"[Content_Types].xml", CT, "docProps/app.xml",
                                           "<Properties/>", NULL};
    static const char *const docx[] = {"[Content_Types].xml", CT, "word/document.xml",
                                       "<document/>", NULL};
    static const char *const no_header[] = {
        "xl/worksheets/sheet1.xml",
        SHEET_OPEN "<row r=\"1\">" IS("A1", "Câu") IS("B1", "Đáp") "</row>" SHEET_CLOSE, NULL};
    const char *csv = "question,A,B,correct\nHỏi?,Có,Không,A\n", *e, *data;
    apr_size_t len;
    /* a CSV text named .xlsx (the pages pass "xlsx" for that name) */
    e = refused(csv, strlen(csv), "xlsx");
    ck_assert_ptr_nonnull(strstr(e, "không phải là sổ tính Excel (.xlsx)"));
    /* a zip that is not a workbook */
    data = make_zip(&len, no_sheet, NULL);
    e = refused(data, len, "auto");
    ck_assert_ptr_nonnull(strstr(e, "không có trang tính"));
    data = make_zip(&len, docx, NULL);
    ck_assert_ptr_nonnull(strstr(refused(data, len, "xlsx"), "văn bản Word (.docx)"));
    /* a workbook given as CSV: named, not read as broken text */
    data = good_workbook(&len);
    ck_assert_ptr_nonnull(strstr(refused(data, len, "csv"), "tệp nén"));
    /* a zip cut short */
    data = good_workbook(&len);
    ck_assert_ptr_nonnull(strstr(refused(data, len / 2, "auto"), "không phải là sổ tính Excel"));
    /* a sheet without the CSV header */
    data = make_zip(&len, no_header, NULL);
    ck_assert_ptr_nonnull(strstr(refused(data, len, "auto"), "dòng tiêu đề"));
}
END_TEST

START_TEST(xlsx_hostile_parts_refused)
{
    static const char *const doctype[] = {
        "xl/sharedStrings.xml",
        "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]><sst><si><t>&b;</t></si></sst>",
        "xl/worksheets/sheet1.xml",
        SHEET_OPEN "<row r=\"1\">" SS("A1", "0") "</row>" SHEET_CLOSE, NULL};
    static const char *const external[] = {
        "xl/worksheets/sheet1.xml",
        "<?xml version=\"1.0\"?><!DOCTYPE w SYSTEM \"http://127.0.0.1:9/x.dtd\"><worksheet/>",
        NULL};
    /* 40 MiB of spaces inflated from a few dozen KiB: refused while inflating */
    apr_size_t big = 40 * 1024 * 1024, sizes[1];
    char *bomb = malloc(big + 1);
    const char *bomb_parts[3], *data, *e;
    apr_size_t len;
    data = make_zip(&len, doctype, NULL);
    e = refused(data, len, "auto");
    ck_assert_ptr_nonnull(strstr(e, "DOCTYPE"));
    ck_assert_ptr_nonnull(strstr(e, "xl/sharedStrings.xml"));
    data = make_zip(&len, external, NULL);
    ck_assert_ptr_nonnull(strstr(refused(data, len, "auto"), "DOCTYPE"));
    ck_assert_ptr_nonnull(bomb);
    memset(bomb, ' ', big);
    bomb[big] = '\0';
    bomb_parts[0] = "xl/worksheets/sheet1.xml";
    bomb_parts[1] = bomb;
    bomb_parts[2] = NULL;
    sizes[0] = big;
    data = make_zip(&len, bomb_parts, sizes);
    free(bomb);
    ck_assert_uint_lt(len, 1024 * 1024);
    e = refused(data, len, "auto");
    ck_assert_ptr_nonnull(strstr(e, "khi giải nén lớn hơn"));
}
END_TEST

/* ---- Word documents ---------------------------------------------------------------------- */

#define DOC_OPEN                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "                                     \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
#define DOC_CLOSE "</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
/* a paragraph whose second run is bold (b) or underlined (u) */
#define PB(label, text) "<w:p><w:r><w:t xml:space=\"preserve\">" label "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>" text "</w:t></w:r></w:p>"
#define PU(label, text) "<w:p><w:r><w:t xml:space=\"preserve\">" label "</w:t></w:r><w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t>" text "</w:t></w:r></w:p>"
/* the letter alone in bold: not a mark */
#define PL(label, text) "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">" label "</w:t></w:r><w:r><w:t>" text "</w:t></w:r></w:p>"

static const char *docx_of(apr_size_t *len, const char *document)
{
    const char *parts[5];
    parts[0] = "[Content_Types].xml";
    parts[1] = CT;
    parts[2] = "word/document.xml";
    parts[3] = document;
    parts[4] = NULL;
    return make_zip(len, parts, NULL);
}

START_TEST(docx_numbered_stems_and_marked_options)
{
    static const char doc[] =
        DOC_OPEN P("NGÂN HÀNG CÂU HỎI CUỘC THI") P("")
        P("Câu 1. Luật An ninh mạng được Quốc hội thông qua năm nào?") PL("A. ", "2017")
        PB("B. ", "2018") PL("C. ", "2019") PL("D. ", "2020")
        P("Câu 2: Cơ quan nào chủ trì") P("thực hiện Đề án 06?") P("A. Bộ Quốc phòng")
        P("*B. Bộ Công an") P("C. Bộ Tư pháp")
        P("3. Câu không có đáp án đúng?") P("A. Một") P("B. Hai")
        P("4. Câu có hai đáp án đúng?") PU("A. ", "Một") P("B. Hai *") P("C. Ba")
        P("Câu 5. Ngày Pháp luật Việt Nam là?") P("A) 9/11") PU("B) ", "2/9")
        DOC_CLOSE;
    apr_size_t len;
    const char *data = docx_of(&len, doc), *err = NULL;
    qc_qbank_t *b = NULL;
    const qc_qquestion_t *q;
    const qc_qreject_t *j;
    ck_assert_msg(qc_qbank_read(qc_test_pool, data, len, "auto", msgs(), &b, &err) == APR_SUCCESS,
                  "%s", err ? err : "");
    ck_assert_str_eq(b->format, "docx");
    ck_assert_int_eq(b->questions->nelts, 3);
    q = &APR_ARRAY_IDX(b->questions, 0, qc_qquestion_t);
    ck_assert_str_eq(q->text, "Luật An ninh mạng được Quốc hội thông qua năm nào?");
    ck_assert_int_eq(q->choices->nelts, 4);
    ck_assert_int_eq(APR_ARRAY_IDX(q->choices, 0, qc_qchoice_t).correct, 0); /* "A." bold only */
    ck_assert_int_eq(APR_ARRAY_IDX(q->choices, 1, qc_qchoice_t).correct, 1);
    ck_assert_str_eq(APR_ARRAY_IDX(q->choices, 1, qc_qchoice_t).text, "2018");
    q = &APR_ARRAY_IDX(b->questions, 1, qc_qquestion_t);
    ck_assert_str_eq(q->text, "Cơ quan nào chủ trì thực hiện Đề án 06?");
    ck_assert_int_eq(q->choices->nelts, 3);
    ck_assert_int_eq(APR_ARRAY_IDX(q->choices, 1, qc_qchoice_t).correct, 1);
    ck_assert_str_eq(APR_ARRAY_IDX(q->choices, 1, qc_qchoice_t).text, "Bộ Công an");
    q = &APR_ARRAY_IDX(b->questions, 2, qc_qquestion_t);
    ck_assert_int_eq(APR_ARRAY_IDX(q->choices, 1, qc_qchoice_t).correct, 1);
    /* no mark and two marks: refused with the question's number */
    ck_assert_int_eq(b->rejects->nelts, 2);
    j = &APR_ARRAY_IDX(b->rejects, 0, qc_qreject_t);
    ck_assert_str_eq(j->what, "Câu 3");
    ck_assert_str_eq(j->key, "qbank.reject.single_none");
    j = &APR_ARRAY_IDX(b->rejects, 1, qc_qreject_t);
    ck_assert_str_eq(j->what, "Câu 4");
    ck_assert_str_eq(j->key, "qbank.reject.single_many");
    ck_assert_str_eq(j->args[1], "A, B");
    ck_assert_int_eq(j->line, 16); /* its paragraph */
    ck_assert_str_eq(qc_qbank_format_of_name("de-thi.docx"), "docx");
}
END_TEST

START_TEST(docx_not_what_its_name_says)
{
    static const char none[] = DOC_OPEN P("Biên bản họp ban tổ chức") P("Nội dung...") DOC_CLOSE;
    apr_size_t len;
    const char *data, *text = "Câu 1. Hỏi?\nA. Có\n*B. Không\n";
    ck_assert_ptr_nonnull(strstr(refused(text, strlen(text), "docx"), "không phải là văn bản Word"));
    data = docx_of(&len, none);
    ck_assert_ptr_nonnull(strstr(refused(data, len, "auto"), "Không tìm thấy câu hỏi nào"));
    data = good_workbook(&len); /* a workbook named .docx */
    ck_assert_ptr_nonnull(strstr(refused(data, len, "docx"), "word/document.xml"));
}
END_TEST

Suite *qc_suite_qbank_xlsx(void)
{
    Suite *s = suite_create("qbank_xlsx");
    TCase *tc = tcase_create("xlsx");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, xlsx_rows_read_as_csv_rows);
    tcase_add_test(tc, xlsx_not_what_its_name_says);
    tcase_add_test(tc, xlsx_hostile_parts_refused);
    tcase_add_test(tc, docx_numbered_stems_and_marked_options);
    tcase_add_test(tc, docx_not_what_its_name_says);
    suite_add_tcase(s, tc);
    return s;
}
