<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-questions.xsl: the question bank, by topic, with a filter. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.questions.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="qc:msg('staff.questions.title')"/></h1>
    <p class="actions">
      <a class="button" href="{$base}/cau-hoi/moi"><xsl:value-of select="qc:msg('staff.questions.new')"/></a>
      <xsl:text> </xsl:text>
      <a class="button" href="{$base}/nhap-cau-hoi"><xsl:value-of select="qc:msg('nav.staff.import')"/></a>
    </p>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('staff.questions.topics')"/></h2>
      <ul class="topics">
        <xsl:for-each select="topics/topic">
          <li><xsl:value-of select="qc:msg('staff.questions.topic_line', ., @active)"/></li>
        </xsl:for-each>
      </ul>
    </section>
    <form class="card filter" method="get" action="{$base}/cau-hoi">
      <h2><xsl:value-of select="qc:msg('staff.questions.filter')"/></h2>
      <div class="field">
        <label for="f-chu-de"><xsl:value-of select="qc:msg('staff.questions.filter_topic')"/></label>
        <select id="f-chu-de" name="chu-de">
          <option value=""><xsl:value-of select="qc:msg('staff.questions.filter_all_topics')"/></option>
          <xsl:for-each select="topics/topic">
            <option value="{@code}">
              <xsl:if test="@code = /page/filter/@topic"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field">
        <label for="f-tim"><xsl:value-of select="qc:msg('staff.questions.filter_text')"/></label>
        <input id="f-tim" name="tim" type="search" value="{filter/@text}"/>
      </div>
      <div class="field check">
        <input id="f-ngung" name="ca-cau-da-ngung" type="checkbox" value="1">
          <xsl:if test="filter/@retired = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="f-ngung"><xsl:value-of select="qc:msg('staff.questions.filter_retired')"/></label>
      </div>
      <button type="submit" class="button"><xsl:value-of select="qc:msg('staff.questions.filter_submit')"/></button>
    </form>
    <p class="count"><xsl:value-of select="qc:msg('staff.questions.count', questions/@count)"/></p>
    <xsl:choose>
      <xsl:when test="not(questions/question)">
        <p><xsl:value-of select="qc:msg('staff.questions.none')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('staff.questions.title')}">
          <table class="data questions">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="qc:msg('staff.questions.col_code')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.questions.col_topic')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.questions.col_text')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.questions.col_kind')"/></th>
                <th scope="col"><xsl:value-of select="qc:msg('staff.questions.col_state')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="questions/question">
                <tr>
                  <td><a href="{$base}/cau-hoi/{@id}"><xsl:value-of select="@code"/></a>
                    <br/><small><xsl:value-of select="qc:msg('staff.questions.version', @version)"/></small></td>
                  <td><xsl:value-of select="@topic-title"/></td>
                  <td><xsl:value-of select="text"/></td>
                  <td><xsl:value-of select="qc:msg(concat('staff.questions.kind.', @kind))"/></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@retired = '1'"><xsl:value-of select="qc:msg('staff.questions.retired')"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="qc:msg('staff.questions.active')"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:if test="@used = '1'"><br/><small><xsl:value-of select="qc:msg('staff.questions.used')"/></small></xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
