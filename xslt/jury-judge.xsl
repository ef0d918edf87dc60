<?xml version="1.0" encoding="UTF-8"?>
<!-- jury-judge.xsl: a judge's page: every entry with the judge's own scores (others' only once
     the secretariat closed judging), and the scoring form of one entry. Made for phones. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('jury.judge.title')"/></xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="current" select="entries/entry[@current = '1']"/>
    <h1><xsl:value-of select="qc:msg('jury.judge.title')"/></h1>
    <p><xsl:value-of select="qc:msg('jury.judge.hello', judge)"/></p>
    <xsl:if test="clips/@closed = '1'">
      <p class="notice"><xsl:value-of select="qc:msg('jury.judge.closed')"/></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$current">
        <section class="entry" id="entry-{$current/@id}">
          <h2><xsl:value-of select="$current/title"/></h2>
          <p><xsl:value-of select="$current/unit"/></p>
          <xsl:if test="$current/@own-unit = '1'">
            <p class="warning" role="alert"><xsl:value-of select="qc:msg('jury.judge.own_unit')"/></p>
          </xsl:if>
          <p><xsl:value-of select="$current/description"/></p>
          <xsl:choose>
            <xsl:when test="$current/@src">
              <video controls="controls" preload="metadata" src="{$current/@src}"></video>
            </xsl:when>
            <xsl:when test="$current/@link">
              <p><a href="{$current/@link}" rel="noopener noreferrer"><xsl:value-of select="$current/@link"/></a></p>
            </xsl:when>
          </xsl:choose>
          <xsl:if test="/page/clips/@closed = '0' and $current/@status = 'submitted'">
            <form method="post" action="{$base}/bai/{$current/@id}" class="scores">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <xsl:for-each select="/page/clips/criterion">
                <xsl:variable name="code" select="@code"/>
                <p><label for="diem-{@code}"><xsl:value-of select="qc:msg('jury.criterion', ., @max)"/></label>
                  <input type="number" id="diem-{@code}" name="diem-{@code}" min="0" max="{@max}" step="1" required="required" inputmode="numeric" value="{$current/my-score[@criterion = $code]/@points}"/></p>
              </xsl:for-each>
              <p><button type="submit"><xsl:value-of select="qc:msg('jury.judge.save')"/></button></p>
            </form>
          </xsl:if>
          <p><a href="{$base}/"><xsl:value-of select="qc:msg('jury.judge.back')"/></a></p>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
          <table class="data entries">
            <thead><tr>
              <th scope="col"><xsl:value-of select="qc:msg('jury.col.unit')"/></th>
              <th scope="col"><xsl:value-of select="qc:msg('jury.col.title')"/></th>
              <th scope="col"><xsl:value-of select="qc:msg('jury.col.my_total')"/></th>
              <xsl:if test="clips/@closed = '1'">
                <th scope="col"><xsl:value-of select="qc:msg('jury.col.final')"/></th>
              </xsl:if>
            </tr></thead>
            <tbody>
              <xsl:for-each select="entries/entry[@status = 'submitted']">
                <tr id="entry-{@id}" data-scored="{@scored}">
                  <td><xsl:value-of select="unit"/>
                    <xsl:if test="@own-unit = '1'"> <span class="warning"><xsl:value-of select="qc:msg('jury.judge.own_unit_short')"/></span></xsl:if></td>
                  <td><a href="{$base}/bai/{@id}"><xsl:value-of select="title"/></a></td>
                  <td><xsl:value-of select="@my-total"/></td>
                  <xsl:if test="/page/clips/@closed = '1'">
                    <td><xsl:value-of select="translate(@final, '.', ',')"/></td>
                  </xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
