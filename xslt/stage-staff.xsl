<?xml version="1.0" encoding="UTF-8"?>
<!-- stage-staff.xsl: the secretariat's results of the on-stage contest (with a CSV export),
     and the way to the presenter's screen. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="stage/title"/></xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="stage/title"/></h1>
    <p><a href="{$base}/san-khau/trinh-chieu"><xsl:value-of select="qc:msg('stage.staff.presenter')"/></a>
      · <a href="{$base}/san-khau?format=csv"><xsl:value-of select="qc:msg('stage.staff.csv')"/></a></p>
    <xsl:call-template name="stage-closing"/>
    <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
      <table class="data">
        <thead><tr>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.position')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('stage.col.team')"/></th>
          <xsl:for-each select="stage/part"><th scope="col"><xsl:value-of select="normalize-space(text()[1])"/></th></xsl:for-each>
          <xsl:if test="stage/@online-weight"><th scope="col"><xsl:value-of select="qc:msg('stage.col.online')"/></th></xsl:if>
          <th scope="col"><xsl:value-of select="qc:msg('stage.col.total')"/></th>
          <th scope="col"><xsl:value-of select="qc:msg('jury.col.prize')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="teams/team">
            <xsl:sort select="@rank-order" data-type="number"/>
            <tr id="team-{@id}">
              <td><xsl:value-of select="@position"/>
                <xsl:if test="@tie-pending = '1'"> <span class="warning"><xsl:value-of select="qc:msg('jury.staff.tie')"/></span></xsl:if></td>
              <th scope="row"><xsl:value-of select="name"/>
                <xsl:if test="member"><br/><small><xsl:for-each select="member"><xsl:value-of select="."/><xsl:if test="position() != last()">, </xsl:if></xsl:for-each></small></xsl:if></th>
              <xsl:for-each select="score"><td><xsl:value-of select="translate(., '.', ',')"/></td></xsl:for-each>
              <xsl:if test="/page/stage/@online-weight"><td><xsl:value-of select="translate(online, '.', ',')"/></td></xsl:if>
              <td><strong><xsl:value-of select="translate(@total, '.', ',')"/></strong></td>
              <td><xsl:value-of select="@prize"/>
                <xsl:if test="@tie-pending = '1' or @committee-order != ''">
                  <form method="post" action="{$base}/san-khau/{@id}/thu-tu">
                    <input type="hidden" name="csrf" value="{/page/csrf}"/>
                    <label for="order-{@id}"><xsl:value-of select="qc:msg('jury.staff.order')"/></label>
                    <input type="number" id="order-{@id}" name="order" min="1" max="999" value="{@committee-order}"/>
                    <button type="submit"><xsl:value-of select="qc:msg('jury.staff.save_order')"/></button>
                  </form>
                </xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <xsl:if test="stage/@closed = '0'">
      <form method="post" action="{$base}/san-khau/khoa-cham" class="close-judging">
        <input type="hidden" name="csrf" value="{csrf}"/>
        <p><xsl:value-of select="qc:msg('stage.staff.close_note')"/></p>
        <button type="submit"><xsl:value-of select="qc:msg('stage.staff.close')"/></button>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- when the judging was closed, and by whom -->
  <xsl:template name="stage-closing">
    <xsl:if test="stage/@closed = '1'">
      <p class="notice closed"><xsl:value-of select="qc:msg('stage.closed', stage/@closed-local, stage/@closed-by)"/></p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
