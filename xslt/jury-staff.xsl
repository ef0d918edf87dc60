<?xml version="1.0" encoding="UTF-8"?>
<!-- jury-staff.xsl: the secretariat's view of the clip contest: every entry, the judges'
     totals, the final scores, ranking and prizes; reject an entry, order a tie, close judging,
     publish the gallery. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="clips/title"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="clips/title"/></h1>
    <p><xsl:value-of select="qc:msg('jury.unit.rules', clips/@deadline-local, clips/@max-mb)"/></p>
    <p><xsl:value-of select="qc:msg('jury.staff.judges', count(judges/judge))"/>
      <xsl:if test="clips/@drop-extremes = '1'"><xsl:text> </xsl:text><xsl:value-of select="qc:msg('jury.staff.drop')"/></xsl:if></p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="data entries">
        <thead><tr>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.position')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.unit')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.title')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.judges')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.final')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.prize')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.actions')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="entries/entry">
            <xsl:sort select="not(@rank-order)"/>
            <xsl:sort select="@rank-order" data-type="number"/>
            <tr id="entry-{@id}" data-status="{@status}">
              <td><xsl:value-of select="@position"/>
                <xsl:if test="@tie-pending = '1'"> <span class="warning"><xsl:value-of select="qc:msg('jury.staff.tie')"/></span></xsl:if></td>
              <td><xsl:value-of select="unit"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="@src"><a href="{@src}"><xsl:value-of select="title"/></a></xsl:when>
                  <xsl:when test="@link"><a href="{@link}" rel="noopener noreferrer"><xsl:value-of select="title"/></a></xsl:when>
                </xsl:choose>
                <xsl:if test="@status = 'rejected'"><p class="error"><xsl:value-of select="qc:msg('jury.unit.rejected', reject-reason)"/></p></xsl:if>
              </td>
              <td>
                <xsl:for-each select="judge-total">
                  <xsl:value-of select="@judge"/>: <xsl:value-of select="@points"/><br/>
                </xsl:for-each>
              </td>
              <td><xsl:value-of select="translate(@final, '.', ',')"/></td>
              <td><xsl:value-of select="@prize"/>
                <xsl:if test="@prize-pending = '1'"> <span class="warning"><xsl:value-of select="qc:msg('jury.staff.tie')"/></span></xsl:if></td>
              <td>
                <xsl:if test="@status = 'submitted'">
                  <form method="post" action="{$base}/video/{@id}/tu-choi">
                    <input type="hidden" name="csrf" value="{/page/csrf}"/>
                    <label for="reason-{@id}"><xsl:value-of select="qc:msg('jury.staff.reason')"/></label>
                    <input type="text" id="reason-{@id}" name="reason" required="required" maxlength="1000"/>
                    <button type="submit"><xsl:value-of select="qc:msg('jury.staff.reject')"/></button>
                  </form>
                </xsl:if>
                <xsl:if test="@tie-pending = '1' or @committee-order != ''">
                  <form method="post" action="{$base}/video/{@id}/thu-tu">
                    <input type="hidden" name="csrf" value="{/page/csrf}"/>
                    <label for="order-{@id}"><xsl:value-of select="qc:msg('jury.staff.order')"/></label>
                    <input type="number" id="order-{@id}" name="order" min="1" max="999" value="{@committee-order}"/>
                    <button type="submit"><xsl:value-of select="qc:msg('jury.staff.save_order')"/></button>
                  </form>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <xsl:choose>
      <xsl:when test="clips/@closed = '0'">
        <form method="post" action="{$base}/video/khoa-cham">
          <input type="hidden" name="csrf" value="{csrf}"/>
          <button type="submit"><xsl:value-of select="qc:msg('jury.staff.close')"/></button>
        </form>
      </xsl:when>
      <xsl:when test="clips/@published = '0'">
        <p><xsl:value-of select="qc:msg('jury.judge.closed')"/></p>
        <form method="post" action="{$base}/video/cong-bo">
          <input type="hidden" name="csrf" value="{csrf}"/>
          <button type="submit"><xsl:value-of select="qc:msg('jury.staff.publish')"/></button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="qc:msg('jury.staff.published')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
