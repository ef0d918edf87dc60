<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-import.xsl: importing a question bank in three steps: the upload form, the preview
     (every rejected question with its line and reason, duplicates, what would change), and the
     result once confirmed. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.import.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="qc:msg('staff.import.title')"/></h1>
    <xsl:apply-templates select="import-form | preview | done"/>
  </xsl:template>

  <xsl:template match="import-form">
    <xsl:variable name="file" select="field[@name='tep']"/>
    <form class="card" method="post" action="{$base}/nhap-cau-hoi" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <p class="hint"><xsl:value-of select="qc:msg('staff.import.formats_hint')"/></p>
      <div class="field">
        <xsl:if test="$file/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-tep"><xsl:value-of select="qc:msg('staff.import.file')"/><span class="req" aria-hidden="true"> *</span></label>
        <p class="hint" id="tep-hint"><xsl:value-of select="qc:msg('staff.import.file_hint', floor(@max-bytes div 1048576))"/></p>
        <input id="f-tep" name="tep" type="file" required="required"
               accept=".xml,.txt,.gift,.csv,.xlsx,.docx,text/xml,text/plain,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="tep-hint">
          <xsl:if test="$file/@error">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">tep-hint tep-error</xsl:attribute>
          </xsl:if>
        </input>
        <xsl:if test="$file/@error">
          <p class="field-error" id="tep-error" role="alert">
            <xsl:value-of select="qc:msg($file/@error)"/>
            <xsl:if test="$file/@detail"><xsl:text> </xsl:text><xsl:value-of select="$file/@detail"/></xsl:if>
          </p>
        </xsl:if>
      </div>
      <div class="field">
        <label for="f-dinh-dang"><xsl:value-of select="qc:msg('staff.import.format')"/></label>
        <select id="f-dinh-dang" name="dinh-dang">
          <xsl:for-each select="field[@name='dinh-dang']/option">
            <option value="{@value}">
              <xsl:if test="@value = ../text()"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="qc:msg(concat('staff.import.format.', @value))"/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <button type="submit" class="button primary"><xsl:value-of select="qc:msg('staff.import.preview_button')"/></button>
    </form>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('staff.export.title')"/></h2>
      <ul>
        <li><a href="{$base}/xuat-cau-hoi?dinh-dang=moodle"><xsl:value-of select="qc:msg('staff.export.moodle')"/></a></li>
        <li><a href="{$base}/xuat-cau-hoi?dinh-dang=csv"><xsl:value-of select="qc:msg('staff.export.csv')"/></a></li>
        <li><a href="{$base}/xuat-cau-hoi?dinh-dang=native"><xsl:value-of select="qc:msg('staff.export.native')"/></a></li>
      </ul>
    </section>
  </xsl:template>

  <xsl:template match="preview">
    <section class="card">
      <h2><xsl:value-of select="qc:msg('staff.import.preview_title', @filename)"/></h2>
      <p><xsl:value-of select="qc:msg('staff.import.detected', qc:msg(concat('staff.import.format.', @format)))"/></p>
      <ul class="summary">
        <li class="accepted"><xsl:value-of select="qc:msg('staff.import.accepted', @accepted)"/></li>
        <li class="rejected"><xsl:value-of select="qc:msg('staff.import.rejected', rejects/@count)"/></li>
        <li class="duplicates"><xsl:value-of select="qc:msg('staff.import.duplicates', duplicates/@count)"/></li>
      </ul>
      <p class="would"><xsl:value-of select="qc:msg('staff.import.would', would/@added, would/@changed, would/@unchanged, would/@topics)"/></p>
    </section>
    <xsl:if test="rejects/reject">
      <section class="card rejects">
        <h2><xsl:value-of select="qc:msg('staff.import.rejects_title')"/></h2>
        <xsl:call-template name="reject-table"><xsl:with-param name="list" select="rejects"/></xsl:call-template>
      </section>
    </xsl:if>
    <xsl:if test="duplicates/reject">
      <section class="card duplicates">
        <h2><xsl:value-of select="qc:msg('staff.import.duplicates_title')"/></h2>
        <xsl:call-template name="reject-table"><xsl:with-param name="list" select="duplicates"/></xsl:call-template>
      </section>
    </xsl:if>
    <xsl:if test="sample/question">
      <section class="card">
        <h2><xsl:value-of select="qc:msg('staff.import.sample_title')"/></h2>
        <xsl:for-each select="sample/question">
          <div class="question-preview">
            <p class="stem"><small><xsl:value-of select="@topic-title"/> · <xsl:value-of select="qc:msg(concat('staff.questions.kind.', @kind))"/></small><br/><xsl:value-of select="text"/></p>
            <ol class="choices" type="A">
              <xsl:for-each select="choices/choice">
                <li>
                  <xsl:if test="@correct = '1'"><xsl:attribute name="class">correct</xsl:attribute></xsl:if>
                  <xsl:value-of select="."/>
                  <xsl:if test="@correct = '1'"> <strong> (<xsl:value-of select="qc:msg('staff.question.correct')"/>)</strong></xsl:if>
                </li>
              </xsl:for-each>
            </ol>
          </div>
        </xsl:for-each>
      </section>
    </xsl:if>
    <form class="card" method="post" action="{$base}/nhap-cau-hoi/xac-nhan">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <input type="hidden" name="ma" value="{@token}"/>
      <xsl:if test="@left-out &gt; 0">
        <div class="field check">
          <input id="f-bo-qua" name="bo-qua-cau-loi" type="checkbox" value="1" required="required"/>
          <label for="f-bo-qua"><xsl:value-of select="qc:msg('staff.import.skip_rejected', @left-out)"/></label>
        </div>
      </xsl:if>
      <button type="submit" class="button primary"><xsl:value-of select="qc:msg('staff.import.confirm_button', @accepted)"/></button>
      <xsl:text> </xsl:text>
      <a href="{$base}/nhap-cau-hoi"><xsl:value-of select="qc:msg('staff.import.cancel')"/></a>
    </form>
  </xsl:template>

  <xsl:template name="reject-table">
    <xsl:param name="list"/>
    <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="qc:msg('staff.import.col_line')"/></th>
            <th scope="col"><xsl:value-of select="qc:msg('staff.import.col_what')"/></th>
            <th scope="col"><xsl:value-of select="qc:msg('staff.import.col_reason')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$list/reject">
            <tr>
              <td><xsl:value-of select="@line"/></td>
              <td><xsl:value-of select="@what"/></td>
              <td class="reason" data-key="{@key}"><xsl:value-of select="qc:msg(@key, arg[1], arg[2], arg[3], arg[4])"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="done">
    <section class="card" role="status">
      <h2><xsl:value-of select="qc:msg('staff.import.done_title', @filename)"/></h2>
      <p class="done"><xsl:value-of select="qc:msg('staff.import.done', @added, @changed, @unchanged, @skipped, @topics)"/></p>
      <p><a href="{$base}/cau-hoi"><xsl:value-of select="qc:msg('staff.question.back')"/></a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
