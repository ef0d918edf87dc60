<?xml version="1.0" encoding="UTF-8"?>
<!-- staff-question-stats.xsl: how often each question was drawn and answered right, the least
     often right first, so a wrong answer key is found before the results are published. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('staff.qstats.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="qc:msg('staff.qstats.title')"/></h1>
    <p class="hint"><xsl:value-of select="qc:msg('staff.qstats.hint')"/></p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="data question-stats">
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="qc:msg('staff.questions.col_code')"/></th>
            <th scope="col"><xsl:value-of select="qc:msg('staff.questions.col_text')"/></th>
            <th scope="col" class="num"><xsl:value-of select="qc:msg('staff.qstats.col_drawn')"/></th>
            <th scope="col" class="num"><xsl:value-of select="qc:msg('staff.qstats.col_answered')"/></th>
            <th scope="col" class="num"><xsl:value-of select="qc:msg('staff.qstats.col_right')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="question-stats/question">
            <tr>
              <xsl:if test="@answered &gt;= 20 and @right-percent &lt; 25"><xsl:attribute name="class">suspect</xsl:attribute></xsl:if>
              <td><a href="{$base}/cau-hoi/{@id}"><xsl:value-of select="@code"/></a>
                <xsl:if test="@retired = '1'"><br/><small><xsl:value-of select="qc:msg('staff.questions.retired')"/></small></xsl:if></td>
              <td><small><xsl:value-of select="@topic-title"/></small><br/><xsl:value-of select="text"/></td>
              <td class="num"><xsl:value-of select="@drawn"/></td>
              <td class="num"><xsl:value-of select="@answered"/></td>
              <td class="num">
                <xsl:value-of select="@right"/>
                <xsl:if test="@right-percent"> (<xsl:value-of select="@right-percent"/>%)</xsl:if>
                <xsl:if test="@answered &gt;= 20 and @right-percent &lt; 25"><br/><strong><xsl:value-of select="qc:msg('staff.qstats.suspect')"/></strong></xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
