<?xml version="1.0" encoding="UTF-8"?>
<!-- results.xsl: the secretariat's ranking of a round (or the whole contest), for everyone or a
     group: position, the rule that separated each contestant from the one above, the
     prediction target, prizes, ties awaiting the organising committee, eligibility flags. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:qc="urn:quizcontest:xslt" exclude-result-prefixes="qc">
  <xsl:import href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="qc:msg('results.title')"/></xsl:template>

  <xsl:template name="scope">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r/@round = '0'"><xsl:value-of select="qc:msg('results.overall')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$r/@round-title"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$r/@group != ''">
      <xsl:text> – </xsl:text>
      <xsl:value-of select="$r/groups/group[@code = $r/@group]"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="entry">
    <tr>
      <xsl:attribute name="class">
        <xsl:if test="@pending = '1'">pending </xsl:if>
        <xsl:if test="@prize">prize </xsl:if>
        <xsl:if test="@flags">flagged</xsl:if>
      </xsl:attribute>
      <td class="position" data-label="{qc:msg('results.col.position')}"><xsl:value-of select="@position"/></td>
      <td class="rule" data-rule="{@rule}" data-label="{qc:msg('results.col.rule')}"><xsl:value-of select="reason"/></td>
      <td class="name" data-label="{qc:msg('results.col.name')}"><xsl:value-of select="name"/></td>
      <td class="unit" data-label="{qc:msg('results.col.unit')}"><xsl:value-of select="unit"/></td>
      <td class="score" data-label="{qc:msg('results.col.score')}"><xsl:value-of select="concat(@score, '/', @questions)"/></td>
      <td class="time" data-label="{qc:msg('results.col.time')}"><xsl:value-of select="@time"/></td>
      <td class="prediction" data-label="{qc:msg('results.col.prediction')}"><xsl:value-of select="@prediction"/></td>
      <td class="distance" data-label="{qc:msg('results.col.distance')}"><xsl:value-of select="@distance"/></td>
      <td class="prize" data-label="{qc:msg('results.col.prize')}">
        <xsl:value-of select="@prize"/>
        <xsl:if test="@prize-pending = '1'">
          <xsl:text> </xsl:text>
          <span class="badge"><xsl:value-of select="qc:msg('results.prize_pending', @prize, @prize-low)"/></span>
        </xsl:if>
        <xsl:if test="@prize-skipped = '1'"><xsl:value-of select="qc:msg('results.prize_skipped')"/></xsl:if>
      </td>
      <td class="notes" data-label="{qc:msg('results.col.notes')}">
        <xsl:if test="@pending = '1'"><span class="badge"><xsl:value-of select="qc:msg('results.pending')"/></span></xsl:if>
        <xsl:if test="@flags"><span class="badge mine"><xsl:value-of select="qc:msg('results.flags', @flags-text)"/></span></xsl:if>
        <xsl:if test="contains(@flags, 'exclusion-name')"><xsl:text> </xsl:text><span class="exclusion-name"><xsl:value-of select="qc:msg('results.flag_exclusion_name')"/></span></xsl:if>
        <xsl:if test="contains(@flags, 'age')"><xsl:text> </xsl:text><span class="flag-age"><xsl:value-of select="qc:msg('results.flag_age')"/></span></xsl:if>
        <xsl:if test="committee-reason"><xsl:value-of select="qc:msg('results.committee_reason', committee-reason)"/></xsl:if>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="table">
    <xsl:param name="entries"/>
    <div class="table-wrap" tabindex="0" role="region" aria-label="{qc:msg('a11y.table')}">
    <table class="ranking data cards">
      <thead><tr>
        <th><xsl:value-of select="qc:msg('results.col.position')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.rule')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.name')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.unit')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.score')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.time')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.prediction')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.distance')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.prize')"/></th>
        <th><xsl:value-of select="qc:msg('results.col.notes')"/></th>
      </tr></thead>
      <tbody><xsl:apply-templates select="$entries"/></tbody>
    </table>
    </div>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="r" select="results"/>
    <xsl:variable name="q" select="concat('vong=', $r/@round, '&amp;nhom=', $r/@group)"/>
    <h1><xsl:value-of select="qc:msg('results.title')"/>: <xsl:call-template name="scope"><xsl:with-param name="r" select="$r"/></xsl:call-template></h1>
    <xsl:if test="scheduled">
      <xsl:variable name="scope">
        <xsl:choose>
          <xsl:when test="scheduled/@round > 0"><xsl:value-of select="qc:msg('results.scheduled.scope_round', scheduled/@round)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="qc:msg('results.scheduled.scope_contest')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="scheduled/@group != ''"><xsl:value-of select="qc:msg('results.scheduled.scope_group', scheduled/@group)"/></xsl:if>
      </xsl:variable>
      <p class="notice scheduled scheduled-{scheduled/@state}" role="status">
        <xsl:choose>
          <xsl:when test="scheduled/@state = 'held-tie'"><xsl:value-of select="qc:msg('results.scheduled.held_tie', scheduled/@at-local, $scope)"/></xsl:when>
          <xsl:when test="scheduled/@state = 'held-open'"><xsl:value-of select="qc:msg('results.scheduled.held_open', scheduled/@at-local, $scope)"/></xsl:when>
          <xsl:when test="scheduled/@state = 'done'"><xsl:value-of select="qc:msg('results.scheduled.done', scheduled/@at-local)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="qc:msg('results.scheduled.ahead', scheduled/@at-local)"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <xsl:if test="notice">
      <p class="notice" role="status"><xsl:value-of select="qc:msg(notice)"/></p>
    </xsl:if>
    <nav class="card">
      <a href="{$base}/ket-qua?vong=0"><xsl:value-of select="qc:msg('results.overall')"/></a>
      <xsl:for-each select="$r/rounds/round">
        <xsl:text> · </xsl:text><a href="{$base}/ket-qua?vong={@seq}"><xsl:value-of select="."/></a>
      </xsl:for-each>
      <xsl:for-each select="$r/groups/group">
        <xsl:text> · </xsl:text><a href="{$base}/ket-qua?vong={$r/@round}&amp;nhom={@code}"><xsl:value-of select="."/></a>
      </xsl:for-each>
      <xsl:text> · </xsl:text><a href="{$base}/ket-qua?{$q}&amp;format=csv"><xsl:value-of select="qc:msg('results.csv')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/ket-qua?{$q}&amp;format=xlsx"><xsl:value-of select="qc:msg('outputs.xlsx')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/ket-qua/in?{$q}"><xsl:value-of select="qc:msg('outputs.print')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/ket-qua/giay-chung-nhan?{$q}"><xsl:value-of select="qc:msg('outputs.certificates')"/></a>
      <xsl:text> · </xsl:text><a href="{$base}/don-vi"><xsl:value-of select="qc:msg('units.title')"/></a>
    </nav>
    <section class="card">
      <dl class="facts">
        <dt><xsl:value-of select="qc:msg('results.rule_chain')"/></dt>
        <dd><xsl:value-of select="qc:msg('results.rule_chain_text')"/></dd>
        <dt><xsl:value-of select="qc:msg('results.target')"/></dt>
        <dd class="target">
          <xsl:choose>
            <xsl:when test="$r/target/@known = '1'">
              <xsl:value-of select="qc:msg(concat('results.target.', $r/target/@kind), $r/target/@value)"/>
              <xsl:if test="$r/target/@provisional = '1'"><xsl:text> </xsl:text><xsl:value-of select="qc:msg('results.target_provisional')"/></xsl:if>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="qc:msg('results.target_unknown')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
        <dt><xsl:value-of select="qc:msg('results.total')"/></dt>
        <dd class="total"><xsl:value-of select="$r/@total"/></dd>
        <dt><xsl:value-of select="qc:msg('results.publication')"/></dt>
        <dd class="published"><xsl:value-of select="qc:msg(concat('results.published.', $r/@published))"/></dd>
      </dl>
      <xsl:if test="$r/@pending &gt; 0">
        <p class="notice"><xsl:value-of select="qc:msg('results.pending_notice', $r/@pending)"/></p>
      </xsl:if>
      <xsl:if test="$r/@pending-prizes &gt; 0">
        <p class="notice"><xsl:value-of select="qc:msg('results.pending_prizes_notice', $r/@pending-prizes)"/></p>
      </xsl:if>
      <xsl:if test="$r/@group = ''">
        <form method="post" action="{$base}/ket-qua/cong-bo" class="publish">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="vong" value="{$r/@round}"/>
          <xsl:choose>
            <xsl:when test="$r/@published = '1'">
              <input type="hidden" name="hanh-dong" value="thu-hoi"/>
              <button type="submit" class="button danger"><xsl:value-of select="qc:msg('results.withdraw_button')"/></button>
            </xsl:when>
            <xsl:when test="$r/@closed = '1'">
              <input type="hidden" name="hanh-dong" value="cong-bo"/>
              <button type="submit" class="button primary"><xsl:value-of select="qc:msg('results.publish_button')"/></button>
            </xsl:when>
            <xsl:otherwise>
              <p class="hint"><xsl:value-of select="qc:msg('results.publish_after_close')"/></p>
            </xsl:otherwise>
          </xsl:choose>
        </form>
      </xsl:if>
    </section>
    <xsl:variable name="tied" select="$r/ranking/entry[@pending = '1']"/>
    <xsl:if test="$tied">
      <section class="card committee">
        <h2><xsl:value-of select="qc:msg('results.committee_title')"/></h2>
        <p class="hint"><xsl:value-of select="qc:msg('results.committee_hint')"/></p>
        <xsl:for-each select="$tied[not(@position = preceding-sibling::entry[@pending = '1']/@position)]">
          <xsl:variable name="pos" select="@position"/>
          <xsl:variable name="members" select="$tied[@position = $pos]"/>
          <form method="post" action="{$base}/ket-qua/ban-to-chuc" class="committee-tie">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <input type="hidden" name="vong" value="{$r/@round}"/>
            <input type="hidden" name="nhom" value="{$r/@group}"/>
            <h3><xsl:value-of select="qc:msg('results.committee_tie', $pos, count($members))"/></h3>
            <ul>
              <xsl:for-each select="$members">
                <li><xsl:value-of select="qc:msg('results.committee_member', @contestant-id, name, unit, concat(@score, '/', @questions), @time, @prediction)"/></li>
              </xsl:for-each>
            </ul>
            <xsl:variable name="ids"><xsl:for-each select="$members"><xsl:sort select="@contestant-id" data-type="number"/><xsl:if test="position() &gt; 1">,</xsl:if><xsl:value-of select="@contestant-id"/></xsl:for-each></xsl:variable>
            <!-- the input of this form sent back (a reason too long): its members, in any order -->
            <xsl:variable name="kept" select="/page/committee-input[@ids = $ids]"/>
            <div class="field">
              <label for="f-thu-tu-{$pos}"><xsl:value-of select="qc:msg('results.committee_order')"/></label>
              <input id="f-thu-tu-{$pos}" name="thu-tu" type="text" required="required">
                <xsl:attribute name="value">
                  <xsl:choose>
                    <xsl:when test="$kept"><xsl:value-of select="$kept/@order"/></xsl:when>
                    <xsl:otherwise><xsl:for-each select="$members"><xsl:if test="position() &gt; 1">,</xsl:if><xsl:value-of select="@contestant-id"/></xsl:for-each></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
              </input>
            </div>
            <div class="field">
              <xsl:if test="$kept/@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
              <label for="f-ly-do-{$pos}"><xsl:value-of select="qc:msg('results.committee_reason_label')"/></label>
              <textarea id="f-ly-do-{$pos}" name="ly-do" rows="2" required="required"><xsl:value-of select="$kept"/></textarea>
              <xsl:if test="$kept/@error">
                <p class="field-error" id="ly-do-{$pos}-error" role="alert"><xsl:value-of select="qc:msg($kept/@error)"/></p>
              </xsl:if>
            </div>
            <button type="submit" class="button"><xsl:value-of select="qc:msg('results.committee_button')"/></button>
          </form>
        </xsl:for-each>
      </section>
    </xsl:if>
    <xsl:if test="$r/prizes/prize">
      <section class="card">
        <h2><xsl:value-of select="qc:msg('results.prize_list')"/></h2>
        <ul>
          <xsl:for-each select="$r/prizes/prize">
            <li><xsl:value-of select="qc:msg('results.prize_line', ., @count)"/></li>
          </xsl:for-each>
        </ul>
        <xsl:call-template name="table"><xsl:with-param name="entries" select="$r/winners/entry"/></xsl:call-template>
      </section>
    </xsl:if>
    <section class="card">
      <h2><xsl:value-of select="qc:msg('results.ranking', $r/@page, $r/@pages)"/></h2>
      <xsl:call-template name="table"><xsl:with-param name="entries" select="$r/ranking/entry"/></xsl:call-template>
      <p class="pager">
        <xsl:if test="$r/@page &gt; 1"><a href="{$base}/ket-qua?{$q}&amp;trang={$r/@page - 1}"><xsl:value-of select="qc:msg('results.prev')"/></a><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="$r/@page &lt; $r/@pages"><a href="{$base}/ket-qua?{$q}&amp;trang={$r/@page + 1}"><xsl:value-of select="qc:msg('results.next')"/></a></xsl:if>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
