"""Which metric each quantity states, from the patterns of ``mappings/narrative.yaml``.

The file's header explains the rules; in short: a metric's frames and patterns look at the
words of the quantity's clause (and sentence, topic, window), the best-weighted metric
wins, a figure in a scope the metric excludes (a cumulative count) cannot state it, a part
of a listed whole (其中…) cannot repeat the whole's metric, a sum (全县合计219件) states the
metric of what it adds up, a metric is kept once per report (or for every figure that
repeats its value), and shares (占57.1%) and signed changes inherit the metric of the
figure they qualify.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from .numbers import Quantity
from .patterns import Catalogue, Metric, Rule
from .publishing import PublishedCount, Role, not_overall
from .segmenter import word_starts
from .sentences import Sentence, Sentences, bracket_depths, clause_end, clause_start

WINDOW_CHARS = 300
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
_CLAUSE_BREAK = re.compile(r"[，,；;。：:\n]")
TOPIC_LOOKBACK = 150
SENTENCE_LOOKBACK = 400  # a crawled page without 。 is one "sentence"; look this far back


@dataclass(slots=True)
class Context:
    before: str
    before_start: int  # offset of `before` in the analysis text
    after: str
    sentence: Sentence
    sentence_before: str
    sentence_after: str  # the rest of the sentence after the figure
    window: str  # WINDOW_CHARS before the figure and the rest of its sentence
    topic: str | None


@dataclass(slots=True)
class Candidate:
    metric: str
    weight: int
    weakened: bool = False  # stated in a scope that lowers its weight (a cumulative count)


def _drop_metrics(candidates: list[list[Candidate]], index: int, metrics: frozenset[str]) -> None:
    """The count at `index` is none of `metrics` (a channel's, a kind's: not the whole)."""
    candidates[index] = [c for c in candidates[index] if c.metric not in metrics]


class Tagger:
    def __init__(
        self, text: str, sentences: Sentences, catalogue: Catalogue, table_text: str = ""
    ) -> None:
        self.text = text
        self.table_text = table_text
        self.sentences = sentences
        self.catalogue = catalogue
        self._depths: dict[int, list[int]] = {}
        self._starts: dict[int, frozenset[int]] = {}  # word starts of a sentence, by its start

    def _bracket_depths(self, sentence: Sentence) -> list[int]:
        if sentence.start not in self._depths:
            self._depths[sentence.start] = bracket_depths(self.text, sentence.start, sentence.end)
        return self._depths[sentence.start]

    def tag(self, quantities: list[Quantity]) -> list[str | None]:
        """One metric code (or None) per quantity, quantities in text order."""
        return [found[0] if found else None for found in self.tag_all(quantities)]

    def tag_all(self, quantities: list[Quantity]) -> list[list[str]]:
        """The metric codes each quantity states, quantities in text order: one at most,
        two where the text says one count of two metrics (收到并答复申请5件)."""
        contexts = [self._context(quantities, index) for index in range(len(quantities))]
        candidates = [
            [] if self._counts_the_next(quantity) else self._candidates(quantity, context)
            for quantity, context in zip(quantities, contexts, strict=True)
        ]
        self._continue_clauses(quantities, contexts, candidates)
        together = self._combined_counts(quantities, contexts, candidates)
        self._wholes_of_summed_parts(quantities, contexts, candidates)
        self._drop_parts_of_wholes(quantities, contexts, candidates)
        self._year_beside_cumulative(quantities, contexts, candidates)
        self._drop_channels_side_by_side(quantities, contexts, candidates)
        self._drop_new_media_beside_counts(quantities, contexts, candidates)
        self._drop_kinds_lists(quantities, contexts, candidates)
        self._site_total_before_proactive_part(quantities, contexts, candidates)
        self._decide_publishing(quantities, contexts, candidates)
        self._add_sums(quantities, contexts, candidates)
        metrics = [c[0].metric if c else None for c in candidates]
        weights = [c[0].weight if c else 0 for c in candidates]
        self._resolve(contexts, metrics, weights)
        self._keep_once(quantities, metrics, weights)
        derived = self._derived(quantities, contexts, metrics)
        self._keep_once(quantities, derived, [0] * len(derived))
        primary = [m or d for m, d in zip(metrics, derived, strict=True)]
        return self._with_conjoined(quantities, contexts, primary, together)

    def _with_conjoined(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        primary: list[str | None],
        together: dict[int, tuple[str, ...]],
    ) -> list[list[str]]:
        """Add the other metrics of a count stated of two or more (see `conjoined` and
        `combined`), where no other figure states them."""
        found = [[m] if m else [] for m in primary]
        for index, metric in enumerate(primary):
            # a statement of none is read with its own words (未收到和处理政府信息公开申请)
            quantity = quantities[index]
            words = contexts[index].before + (
                self.text[quantity.start : quantity.end] if quantity.zero_metric else ""
            )
            others = [
                m
                for c in self.catalogue.conjoined
                if metric in c.metrics
                and c.before.search(words)
                and (c.after is None or c.after.match(self.text, quantity.end))
                and not (c.unless_after and c.unless_after.match(self.text, quantity.end))
                for m in c.metrics
            ]
            if metric is not None and metric in together.get(index, ()):
                others += together[index]
            for other in dict.fromkeys(others):
                if other != metric and other not in primary and other not in found[index]:
                    found[index].append(other)
        return found

    def _continue_clauses(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """A count whose clause has a sum's words only (…等内容，共计25条信息) is read with the
        clause before it in its sentence, where no figure stands between; so is a count whose
        clause has nothing else or a sum's words after a count in another measure (累计发布信息
        289期，1500余条 · 办理申请10人，共计13件), read in that count's place (see
        `continued_clauses`)."""
        pattern = self.catalogue.continued_clause
        if pattern is None:
            return
        after_count = self.catalogue.continued_after_count
        for index, context in enumerate(contexts):
            quantity = quantities[index]
            if candidates[index] or quantity.zero_metric is not None:
                continue
            start, sentence = context.before_start, context.sentence
            if start <= sentence.start or self.text[start - 1] not in "，,":
                continue
            previous = clause_start(self.text, start - 1, sentence.start, through_brackets=True)
            clause_before = self.text[previous : start - 1]
            other = after_count.search(clause_before) if after_count is not None else None
            if other is not None and (not context.before or pattern.search(context.before)):
                if (
                    index
                    and quantities[index - 1].start >= previous + other.start()
                    and (candidates[index - 1] or quantities[index - 1].unit == quantity.unit)
                ):
                    continue  # a figure of its own, or a count in the same measure
                clause_before = clause_before[: other.start()]
            elif not pattern.search(context.before):
                continue
            elif index and sentence.start <= quantities[index - 1].start < start:
                continue  # a figure in the clause before: it is that figure's clause
            joined = replace(
                context,
                before=clause_before + context.before,
                before_start=previous,
            )
            found = self._candidates(quantity, joined)
            if found:
                candidates[index] = found
                contexts[index] = joined

    def _combined_counts(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> dict[int, tuple[str, ...]]:
        """行政复议、行政诉讼案件亦为0件: a zero (or a count said of each) of several metrics
        together states each of them; another count (复议诉讼案件合计612件) none of them.
        Returns the metrics each such figure states, by figure."""
        together: dict[int, tuple[str, ...]] = {}
        following: set[int] = set()  # the later counts of a respectively list, already read
        for index, context in enumerate(contexts):
            quantity = quantities[index]
            if quantity.zero_metric is not None or index in following:
                continue
            for rule in self.catalogue.combined:
                if not rule.before.search(context.before):
                    continue
                listed = self._respectively(quantities, index, len(rule.metrics))
                if (
                    rule.respectively is not None
                    and rule.respectively.search(context.before)
                    and listed
                ):
                    # 行政复议、行政诉讼分别为3件、1件: one count per metric, in their order
                    for metric, at in zip(rule.metrics, listed, strict=True):
                        candidates[at] = [Candidate(metric, 3)]
                    following.update(listed[1:])
                elif quantity.value == 0 or rule.each.search(context.before):
                    admitted = [
                        m for m in rule.metrics if quantity.unit in self.catalogue.metrics[m].units
                    ]
                    if admitted:
                        candidates[index] = [Candidate(admitted[0], 3)]
                        together[index] = tuple(admitted)
                else:
                    candidates[index] = [
                        c for c in candidates[index] if c.metric not in rule.metrics
                    ]
        return together

    def _respectively(self, quantities: list[Quantity], index: int, size: int) -> list[int]:
        """The `size` counts from `index` on, one unit, kept apart by 、 or 和 only: a list
        said respectively of `size` things; empty if they are not."""
        listed = [index]
        for later in range(index + 1, min(index + size, len(quantities))):
            between = self.text[quantities[later - 1].end : quantities[later].lead]
            if (
                between not in ("、", "和", "，", ",")
                or quantities[later].unit != quantities[index].unit
            ):
                return []
            listed.append(later)
        return listed if len(listed) == size else []

    # -- context -----------------------------------------------------------------------

    def _context(self, quantities: list[Quantity], index: int) -> Context:
        text = self.text
        quantity = quantities[index]
        sentence = self.sentences.at(quantity.lead)
        start = clause_start(text, quantity.lead, sentence.start, through_brackets=True)
        before_end = quantity.lead
        if start == quantity.lead and start > sentence.start and text[start - 1] in "：:":
            # a label and its value (本年度主动公开政府信息：67条): the label is the clause
            before_end = start - 1
            start = clause_start(text, before_end, sentence.start, through_brackets=True)
        previous = self._previous_count(quantities, index)
        if previous is not None and previous.end <= quantity.lead:
            start = min(max(start, previous.end), before_end)
        end = clause_end(text, quantity.end, sentence.end)
        if index + 1 < len(quantities) and quantities[index + 1].lead >= quantity.end:
            end = min(end, quantities[index + 1].lead)
        sentence_before = text[
            max(sentence.start, quantity.lead - SENTENCE_LOOKBACK) : quantity.lead
        ]
        sentence_after = text[quantity.end : max(quantity.end, sentence.end)]
        return Context(
            before=self._masked(quantities, index, start, before_end),
            before_start=start,
            after=text[quantity.end : end],
            sentence=sentence,
            sentence_before=sentence_before,
            sentence_after=sentence_after,
            window=text[max(0, quantity.lead - WINDOW_CHARS) : quantity.lead]
            + "\n"
            + sentence_after,
            topic=self._outcomes_topic(quantities, index, sentence.start, sentence_before)
            or self._topic(text[max(0, sentence.start - TOPIC_LOOKBACK) : sentence.start]),
        )

    def _outcomes_topic(
        self, quantities: list[Quantity], index: int, start: int, sentence_before: str
    ) -> str | None:
        """The topic last named before the count, unless its own clause names none and the
        last topic's case count in the sentence is 0 while another's is not: outcomes after
        行政复议案件10件，行政诉讼案件0件，结果纠错2件 are the reviews'."""
        topic = self._topic(sentence_before)
        if topic is None:
            return None
        first = index
        while first > 0 and quantities[first - 1].end > start:
            first -= 1  # the sentence's counts before this one
        lead = quantities[index].lead
        previous_end = quantities[index - 1].end if index > first else start
        if first == index or self._topic(self.text[previous_end:lead]) is not None:
            return topic
        counts: dict[str, float] = {}
        since = start
        for quantity in quantities[first:index]:
            named = self._topic(self.text[since : quantity.lead])
            if named is not None:
                counts[named] = quantity.value
            since = quantity.end
        if counts.get(topic) == 0:
            others = [name for name, value in counts.items() if name != topic and value > 0]
            if len(others) == 1:
                return others[0]
        return topic

    def _masked(self, quantities: list[Quantity], index: int, start: int, end: int) -> str:
        """text[start:end] with the digits of a count of the words after it (see
        `_previous_count`) read as a word: 集中公开七大类45项信息共7716条 reads 公开…信息."""
        text = self.text[start:end]
        modifier = self.catalogue.modifier
        if modifier is None:
            return text
        for earlier in range(index - 1, -1, -1):
            quantity = quantities[earlier]
            if quantity.start < start:
                break
            if (
                quantity.end <= end
                and quantity.unit in modifier.units
                and modifier.followed_by.match(self.text, quantity.end)
            ):
                first, last = quantity.start - start, quantity.end - start - len(quantity.unit)
                if self.text[quantity.end : quantity.end + 1].isdigit():
                    # (政府信息16项65条: the kinds' count said between the noun and its count)
                    text = text[:first] + text[quantity.end - start :]
                else:
                    text = text[:first] + "几" * (last - first) + text[last:]
        return text

    def _published_metric(self) -> str:
        """The metric a count of published items states (the channels' metric)."""
        return min(self.catalogue.channels.metrics)

    def _counts_the_next(self, quantity: Quantity) -> bool:
        """16项 in 政府信息16项65条: a count of kinds right before the count of items."""
        modifier = self.catalogue.modifier
        return (
            modifier is not None
            and quantity.unit in modifier.units
            and self.text[quantity.end : quantity.end + 1].isdigit()
        )

    def _bracketed_aside(self, quantity: Quantity, lead: int) -> bool:
        """A count that is all of a bracket inside the clause before `lead` (（1个）)."""
        text = self.text
        return (
            quantity.lead > 0
            and text[quantity.lead - 1] in "（("
            and text[quantity.end : quantity.end + 1] in ("）", ")")
            and _CLAUSE_BREAK.search(text, quantity.end + 1, lead) is None
        )

    def _previous_count(self, quantities: list[Quantity], index: int) -> Quantity | None:
        """The figure before `index` whose end may end its clause: not a count of the words
        right after it (局门户网站9个栏目共发布公开文章147篇)."""
        modifier = self.catalogue.modifier
        for earlier in range(index - 1, -1, -1):
            quantity = quantities[earlier]
            if self._bracketed_aside(quantity, quantities[index].lead):
                continue  # 微信公众账号（1个）发布信息149条: the clause names the account
            if (
                modifier is None
                or quantity.unit not in modifier.units
                or not modifier.followed_by.match(self.text, quantity.end)
            ):
                return quantity
        return None

    def _topic(self, text: str) -> str | None:
        best: tuple[int, str] | None = None
        for name, pattern in self.catalogue.topics.items():
            for match in pattern.finditer(text):
                if best is None or match.end() > best[0]:
                    best = (match.end(), name)
        return best[1] if best else None

    # -- primary metrics ---------------------------------------------------------------

    def _candidates(self, quantity: Quantity, context: Context) -> list[Candidate]:
        if quantity.zero_metric is not None:
            return [Candidate(quantity.zero_metric, 2)]
        found: list[Candidate] = []
        partial: bool | None = None
        for metric in self.catalogue.primary_metrics():
            if not self._admits(metric, quantity, context):
                continue
            # the rules are kept heaviest first: the first that matches gives the weight
            best = next(
                (rule.weight for rule in metric.rules if self._matches(rule, context)), None
            )
            if best is not None:
                if partial is None:
                    partial = self._names_a_part(context.before)
                weaker = any(self._in_scope(name, context) for name in metric.weaker_in)
                weight = best - int(partial) - 2 * weaker
                found.append(Candidate(metric.code, weight, weaker))
        found.sort(key=lambda c: -c.weight)  # stable: file order among equal weights
        return found

    def _names_a_part(self, clause: str) -> bool:
        """The clause names a part (a township, a channel such as 微博), not the whole's
        channels together (通过政府门户网站、政务新媒体等多种渠道)."""
        together = self.catalogue.channels_together
        return self.catalogue.partial.search(clause) is not None and not (
            together is not None and together.search(clause)
        )

    def _admits(self, metric: Metric, quantity: Quantity, context: Context) -> bool:
        if quantity.unit not in metric.units or quantity.change != metric.change:
            return False
        if (
            metric.not_zero_before is not None
            and quantity.value == 0
            and metric.not_zero_before.search(context.before)
        ):
            return False
        if (
            metric.not_before is not None
            and metric.not_before.search(context.before)
            and not (
                metric.listed is not None
                and metric.listed.search(context.sentence_after)
                and metric.not_before_listed is not None
                and not metric.not_before_listed.search(context.before)
            )
        ):
            return False
        if metric.not_after is not None and metric.not_after.search(context.sentence_after):
            return False
        return not any(self._in_scope(name, context) for name in metric.not_in)

    def _in_scope(self, name: str, context: Context) -> bool:
        scope = self.catalogue.scopes[name]
        return bool(
            scope.clause.search(context.before) and scope.sentence.search(context.sentence_before)
        )

    def _matches(self, rule: Rule, context: Context) -> bool:
        # the cheap tests first: the clause's own words, then the sentence and the window
        if rule.topic is not None and context.topic != rule.topic:
            return False
        if rule.after is not None and not rule.after.search(context.after):
            return False
        match = rule.before.search(context.before) if rule.before is not None else None
        if rule.before is not None and match is None:
            return False
        if rule.sentence is not None and not rule.sentence.search(context.sentence_before):
            return False
        if rule.not_sentence is not None and rule.not_sentence.search(context.sentence_before):
            return False
        if rule.window is not None and not rule.window.search(context.window):
            return False
        return rule.before is None or self._matches_at_word(rule.before, context, match)

    def _matches_at_word(
        self, pattern: re.Pattern[str], context: Context, match: re.Match[str] | None
    ) -> bool:
        """A match of `pattern` in the clause (the first is `match`) that begins where a word
        begins."""
        if match is None:
            return False
        sentence = context.sentence
        starts = self._word_starts(sentence)
        offset = context.before_start - sentence.start
        while match is not None:
            if match.start() + offset in starts:
                return True
            match = pattern.search(context.before, match.start() + 1)
        return False

    def _word_starts(self, sentence: Sentence) -> frozenset[int]:
        if sentence.start not in self._starts:
            self._starts[sentence.start] = word_starts(self.text[sentence.start : sentence.end])
        return self._starts[sentence.start]

    # -- wholes and parts, once per report -----------------------------------------------

    def _wholes_of_summed_parts(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """审发推送213条，其中工作动态210条、其他信息3条: a count of published items that no
        rule read, whose part list opens right after it and whose first parts add up to it
        exactly, is the whole of what they list (see `channels.summed_whole`)."""
        channels = self.catalogue.channels
        pattern = channels.summed_whole
        if pattern is None or channels.published is None:
            return
        metric = self._published_metric()
        units = self.catalogue.metrics[metric].units
        for marker in self.catalogue.part_markers.finditer(self.text):
            sentence = self.sentences.at(marker.start())
            head = self._head(quantities, marker.start(), sentence)
            if head is None or candidates[head]:
                continue
            quantity, before = quantities[head], contexts[head].before
            if quantity.unit not in units or quantity.zero_metric is not None:
                continue
            if not channels.published.search(before) or not pattern.search(before):
                continue
            if self._names_a_part(before):
                continue  # 街道政府信息公开60条，其中…: a part's own count and its parts
            if self.text[quantity.end : marker.start()].strip("，,。；;：: \n"):
                continue  # words between the count and its list: another clause's list
            total, parts = 0.0, 0
            for later in quantities[head + 1 :]:
                if later.start < marker.end() or later.unit == "%" or later.zero_metric:
                    break
                total += later.value
                parts += 1
                if total >= quantity.value:
                    break
            if parts >= 2 and total == quantity.value:
                candidates[head] = [Candidate(metric, 1)]

    def _drop_parts_of_wholes(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        text = self.text
        catalogue = self.catalogue
        for marker in catalogue.part_markers.finditer(text):
            sentence = self.sentences.at(marker.start())
            head = self._head(quantities, marker.start(), sentence)
            scope_end = self._scope_end(marker.start(), sentence, marker.end())
            inside = [
                index
                for index, quantity in enumerate(quantities)
                if marker.end() <= quantity.start < scope_end
            ]
            if head is None:
                # 各乡镇（街道）…，其中城关镇收到申请12件: the parts of a collective of units
                if catalogue.collective.search(text, sentence.start, marker.start()):
                    for index in inside:
                        candidates[index] = [
                            c for c in candidates[index] if catalogue.metrics[c.metric].extra
                        ]
                continue
            if not candidates[head]:
                continue
            whole = self._counts_as(candidates[head][0].metric)
            published = self._published_part(quantities, contexts, head, inside, whole)
            if published is not None:
                weight = candidates[head][0].weight + 2
                candidates[head] = [c for c in candidates[head] if c.metric != whole]
                candidates[published] = [Candidate(whole, weight)]
                continue
            weakened = candidates[head][0].weakened
            new = self._new_part_of_total(contexts, inside, whole, candidates[head])
            if new is not None:
                candidates[head] = [
                    c for c in candidates[head] if self._counts_as(c.metric) != whole
                ]
            # what the whole states (收到并答复申请5件: both) and what its parts never do; a
            # total split into new and carried-in ones states neither, so a part of it may
            # state what it was said with (受理办理…354件，其中新收…354件…，办理完成353件)
            stated = {whole}
            if new is None:
                stated |= self._conjoined_with(whole, contexts[head].before)
            foreign = catalogue.part_foreign.get(whole, frozenset())
            remainder = catalogue.part_remainder
            for index in inside:
                if index == new:
                    continue  # 共受理38件，其中上年结转7件、新收到…31件: the new ones
                # the part of a cumulative whole that names the year states the year's count
                # (截至年底累计…138条，其中2012年新增31条)
                year = weakened and bool(catalogue.part_names_year.search(contexts[index].before))
                rest = (
                    remainder is not None
                    and remainder.before.search(contexts[index].before) is not None
                    and not self._rest_is_answered(quantities, marker.end(), index)
                )
                candidates[index] = [
                    c
                    for c in candidates[index]
                    if (
                        self._part_counts_as(c.metric, whole, contexts[index].before) not in stated
                        or (year and not c.weakened)
                    )
                    and (c.metric not in foreign or quantities[index].zero_metric is not None)
                    and not (rest and remainder is not None and c.metric in remainder.metrics)
                ]
                unit = quantities[index].unit
                if year and not candidates[index] and unit in catalogue.metrics[whole].units:
                    candidates[index] = [Candidate(whole, candidates[head][0].weight + 2)]

    def _published_part(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        head: int,
        inside: list[int],
        whole: str,
    ) -> int | None:
        """The 主动公开 part of a count of published items split by disclosure attribute, the
        next part one not published (see `parts.published`), or None."""
        catalogue = self.catalogue
        published, withheld = catalogue.part_published, catalogue.part_withheld
        if published is None or withheld is None or whole != self._published_metric():
            return None
        said_published = catalogue.part_published_whole
        if said_published is not None and said_published.search(contexts[head].before):
            return None
        for first, second in pairwise(inside):
            between = self.text[quantities[first].end : quantities[second].lead]
            if published.search(contexts[first].before) and withheld.search(between):
                return first
        return None

    def _rest_is_answered(self, quantities: list[Quantity], start: int, index: int) -> bool:
        """其中4件撤回，1件正在办理，其余26件均已答复: the parts before the rest are none of
        them answered (withdrawn, carried forward, pending), so the rest is every answered one;
        after outcomes (信息不存在1件，其余5件均予以答复) the rest is one more outcome."""
        remainder = self.catalogue.part_remainder
        if remainder is None or remainder.unanswered is None:
            return False
        parts = self.text[start : quantities[index].lead]
        if remainder.answers is not None and remainder.answers.search(parts):
            return False
        clauses = [c for c in re.split(r"[，,；;、]", parts) if re.search(r"\d", c)]
        return bool(clauses) and all(remainder.unanswered.search(c) for c in clauses)

    def _year_beside_cumulative(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """累计主动公开政府信息3044条，本年度新增237条: the clause after a cumulative whole
        that names the year's new ones states the year's count; so does one after a count the
        excerpt does not call cumulative (全年主动公开政府信息210条，其中本年度新增28条: what
        the body held that year, the new ones being the year's)."""
        beside = self.catalogue.year_beside_cumulative
        if beside is None:
            return
        for index in range(len(quantities) - 1):
            found = candidates[index]
            if not found:
                continue
            quantity = quantities[index]
            # the next count in its unit (a rate between them is skipped: 全文电子化率达100%)
            later = next(
                (
                    i
                    for i in range(index + 1, len(quantities))
                    if quantities[i].unit == quantity.unit
                ),
                None,
            )
            if later is None:
                continue
            next_one = quantities[later]
            if next_one.start >= contexts[index].sentence.end:
                continue
            between = self.text[quantity.end : next_one.lead]
            clause = self.text[contexts[later].before_start : next_one.lead].strip("，,；;（( ")
            if not clause or not between.strip("，,；;（( ").endswith(clause):
                continue  # other words between them than the later one's clause
            if later > index + 1 and not between.endswith(
                self.text[contexts[later].before_start : next_one.lead]
            ):
                continue
            if beside.search(contexts[later].before) and not candidates[later]:
                candidates[later] = [Candidate(found[0].metric, found[0].weight + 2)]
        cumulative = self.catalogue.scopes["cumulative"].clause
        for index, found in enumerate(candidates):
            if (
                found
                and cumulative.search(contexts[index].before)
                and self._year_in_later_sentence(quantities, contexts, candidates, index)
                is not None
            ):
                candidates[index] = [c for c in found if c.metric != found[0].metric]

    def _year_in_later_sentence(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
        index: int,
    ) -> int | None:
        """The next count in the unit of the cumulative count at `index`, in a later sentence
        of its paragraph, when its clause names the year's new ones and it states the same
        metric (累计…305条。2022年新增的主动公开政府信息30条)."""
        beside = self.catalogue.year_beside_cumulative
        assert beside is not None
        quantity, metric = quantities[index], candidates[index][0].metric
        end = self._paragraph_end(quantity.end)
        for later in range(index + 1, len(quantities)):
            count = quantities[later]
            if count.start >= end:
                return None
            if count.unit != quantity.unit:
                continue
            if count.start < contexts[index].sentence.end:
                return None  # the clause after it in its sentence: see above
            found = candidates[later]
            if found and found[0].metric == metric and beside.search(contexts[later].before):
                return later
            return None
        return None

    def _conjoined_with(self, metric: str, clause: str) -> set[str]:
        """The other metrics a figure of `metric` states with its clause (see `conjoined`)."""
        return {
            other
            for rule in self.catalogue.conjoined
            if metric in rule.metrics and rule.after is None and rule.before.search(clause)
            for other in rule.metrics
        }

    def _new_part_of_total(
        self,
        contexts: list[Context],
        inside: list[int],
        whole: str,
        head: list[Candidate],
    ) -> int | None:
        """The part that states the new applications of a received total split into last
        year's and the new ones (see `parts.carried_in`), if any."""
        if whole != "requests.received" or not head or self._counts_as(head[0].metric) != whole:
            return None
        carried = any(self.catalogue.part_carried_in.search(contexts[i].before) for i in inside)
        new = [i for i in inside if self.catalogue.part_new.search(contexts[i].before)]
        return new[0] if carried and new else None

    def _drop_channels_side_by_side(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """通过政府网站公开…760条，通过其他方式公开…57条: counts by channel, none the whole."""
        channels = self.catalogue.channels
        by_sentence: dict[int, list[int]] = {}
        for index, found in enumerate(candidates):
            if found and found[0].metric in channels.metrics:
                by_sentence.setdefault(contexts[index].sentence.start, []).append(index)
        for indices in by_sentence.values():
            sentence = contexts[indices[0]].sentence
            if not channels.channel.search(self.text, sentence.start, sentence.end):
                continue  # no clause of the sentence can name a channel
            if self._cumulative_and_year(contexts, candidates, indices):
                continue  # split by time, not by channel
            listed = sorted({*indices, *self._side_by_side(quantities, contexts, indices[0])})
            named = [
                i
                for i in listed
                # (a channel named only in an aside, 共主动公开政府信息（公文平台发文）113条, says
                # where the items come from, not which channel counted them)
                if channels.channel.search(_ASIDE.sub("", contexts[i].before))
                and not self.catalogue.partial.search(contexts[i].before)
                # (a count inside a part list, 累计公开27108条，其中市级网站8020条、各县网站
                # 19088条, is a part of the count before it, not a channel beside it)
                and not self._part_of(quantities[listed[0]].end, quantities[i].lead)
            ]
            values = {quantities[i].value for i in named}
            # (a word of the whole said of every channel, 通过网站公开信息共计128条，通过公开栏
            # 公开信息共计16条, marks none of them)
            wholes = {i for i in indices if channels.whole.search(contexts[i].before)}
            if wholes and not wholes >= {*indices, *named}:
                continue
            columns = self._columns_of_site(quantities, contexts, named)
            if columns:
                for index in columns:
                    _drop_metrics(candidates, index, channels.metrics)
                continue
            if len(values) < 2 and not (
                named and not wholes and self._other_channels(quantities, contexts, named)
            ):
                continue
            # (a count naming no channel before the channels' counts and not smaller than any
            # of them states the whole: 公开政府信息243条，在门户网站…63条，…专栏公开180条)
            whole = self._whole_before_channels(quantities, indices, named)
            for index in indices:
                if index == whole:
                    continue
                _drop_metrics(candidates, index, channels.metrics)

    def _cumulative_and_year(
        self, contexts: list[Context], candidates: list[list[Candidate]], indices: list[int]
    ) -> bool:
        """A cumulative count and a count naming the year (累计在网站公开…846条，其中本年度
        在网站公开214条): the site is named for both, the counts differ in time."""
        names_year = self.catalogue.part_names_year
        weakened = [i for i in indices if candidates[i][0].weakened]
        return bool(weakened) and any(
            names_year.search(contexts[i].before)
            for i in indices
            if not candidates[i][0].weakened and i > weakened[0]
        )

    @staticmethod
    def _whole_before_channels(
        quantities: list[Quantity], indices: list[int], named: list[int]
    ) -> int | None:
        """The sentence's first count, where it names no channel, comes before every count
        that names one, and is not smaller than any of them."""
        if not named or indices[0] in named or indices[0] > min(named):
            return None
        first = quantities[indices[0]]
        if any(
            quantities[i].value > first.value or quantities[i].unit != first.unit for i in named
        ):
            return None
        return indices[0]

    def _drop_new_media_beside_counts(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """A count of new media alone is no whole beside another count published in its
        paragraph, or beside the other channels' counts it is listed with (分别…N条、M条)."""
        channels = self.catalogue.channels
        new_media, published = channels.new_media, channels.published
        if new_media is None or published is None:
            return
        for index, found in enumerate(candidates):
            if not found or found[0].metric not in channels.metrics:
                continue
            before = contexts[index].before
            if not new_media.search(before) and not channels.channel.search(before):
                before = self._sentence_subject(quantities, contexts, index)
            # (not a site named with them: 通过门户网站、政务新媒体主动公开…, the whole)
            if not new_media.search(before) or channels.channel.search(before):
                continue
            together = self.catalogue.channels_together
            if together is not None and together.search(before):
                continue
            if self._respective(quantities, contexts, index) or self._published_beside(
                quantities, contexts, candidates, index
            ):
                _drop_metrics(candidates, index, channels.metrics)

    def _sentence_subject(
        self, quantities: list[Quantity], contexts: list[Context], index: int
    ) -> str:
        """The count's clause, or its sentence up to it where it is the sentence's first count
        and its clause names no channel (“…”微信公众号也充分发挥作用，全年共推送信息240条:
        the account pushed them)."""
        sentence = contexts[index].sentence
        if index > 0 and quantities[index - 1].end > sentence.start:
            return contexts[index].before
        return self.text[sentence.start : quantities[index].lead]

    def _respective(self, quantities: list[Quantity], contexts: list[Context], index: int) -> bool:
        """分别发布信息N条、M条: the count of one channel of several."""
        respectively = self.catalogue.channels.respectively
        if respectively is None or not respectively.search(contexts[index].before):
            return False
        later = index + 1
        return (
            later < len(quantities)
            and quantities[later].unit == quantities[index].unit
            and self.text[quantities[index].end : quantities[later].lead] in ("、", "，", ",")
        )

    def _published_beside(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
        index: int,
    ) -> bool:
        """Another count of the paragraph of `index`, in a unit of the metric, published
        through no new medium, stating no other metric (依申请公开件2件), and no part of the
        count at `index`."""
        channels = self.catalogue.channels
        assert channels.new_media is not None and channels.published is not None
        quantity = quantities[index]
        units = self.catalogue.metrics[self._published_metric()].units
        start = self._paragraph_start(quantity.start)
        end = self._paragraph_end(quantity.end)
        for other in range(len(quantities)):
            count = quantities[other]
            if other == index or not start <= count.start < end:
                continue
            if count.unit not in units or count.zero_metric is not None:
                continue
            if any(c.metric not in channels.metrics for c in candidates[other]):
                continue
            before = contexts[other].before
            if not channels.published.search(before) or channels.new_media.search(before):
                continue
            if count.start > quantity.end and self.catalogue.part_markers.search(
                self.text, quantity.end, count.lead
            ):
                continue  # its own parts (…微信公众号发布信息N条，其中原创M条)
            return True
        return False

    def _paragraph_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _paragraph_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end

    def _columns_of_site(
        self, quantities: list[Quantity], contexts: list[Context], named: list[int]
    ) -> list[int]:
        """The figures after the first of `named` when the first is a site's count and the
        others counts of its columns adding up to no more than it (see `channels`)."""
        channels = self.catalogue.channels
        if channels.site is None or channels.columns is None or len(named) < 2:
            return []
        first, rest = named[0], named[1:]
        before = contexts[first].before
        if not channels.site.search(before) or channels.columns.search(before):
            return []
        if not all(channels.columns.search(contexts[i].before) for i in rest):
            return []
        if sum(quantities[i].value for i in rest) > quantities[first].value:
            return []
        return rest

    def _other_channels(
        self, quantities: list[Quantity], contexts: list[Context], named: list[int]
    ) -> bool:
        """A count published through another channel in the sentence of `named`, in their
        unit, that states no metric itself and is no part of theirs (see `channels.other`)."""
        other = self.catalogue.channels.other
        if other is None:
            return False
        first = quantities[named[0]]
        sentence = contexts[named[0]].sentence
        if self._in_part_list(sentence.start, first.lead):
            return False
        start = self._paragraph_start(sentence.start)
        end = self._paragraph_end(sentence.end)
        around = [
            index
            for index in range(len(quantities))
            if start <= quantities[index].start < end
            and index not in named
            and quantities[index].unit == first.unit
            and quantities[index].zero_metric is None
        ]
        if not around:
            return False
        depth = self._depth(contexts[named[0]].sentence, first)
        return any(
            self._depth(contexts[index].sentence, quantities[index]) == depth
            and other.search(contexts[index].before)
            and not self.catalogue.partial.search(contexts[index].before)
            and not self._in_part_list(contexts[index].sentence.start, quantities[index].lead)
            for index in around
        )

    def _depth(self, sentence: Sentence, quantity: Quantity) -> int:
        return self._bracket_depths(sentence)[quantity.start - sentence.start]

    def _part_of(self, count_end: int, lead: int) -> bool:
        """A part list opens after a count (at `count_end`) and runs on, unclosed by a bracket
        or a semicolon, to the count at `lead`: that count is a part of the first (a bracket
        opened and closed inside the list, 各县（区）, does not close it)."""
        between = self.text[count_end:lead]
        marker = self.catalogue.part_markers.search(between)
        if marker is None:
            return False
        depth = 0
        for character in between[marker.end() :]:
            if character in "；;":
                return False
            depth += (character in "（(") - (character in "）)")
            if depth < 0:
                return False
        return True

    def _in_part_list(self, start: int, end: int) -> bool:
        """A part list opens between `start` and `end` and no semicolon closes it."""
        between = self.text[start:end]
        marker = self.catalogue.part_markers.search(between)
        return marker is not None and not any(m in between[marker.end() :] for m in "；;")

    def _side_by_side(
        self, quantities: list[Quantity], contexts: list[Context], first: int
    ) -> list[int]:
        """`first` and the figures after it in its list: its sentence up to a semicolon, at
        its bracket depth, not inside a part list, in its unit (通过县政府网站“部门文件”栏目
        发布8条，“行政执法”栏目发布14条…: the later ones state no metric alone)."""
        sentence = contexts[first].sentence
        depths = self._bracket_depths(sentence)
        depth = depths[quantities[first].start - sentence.start]
        unit = quantities[first].unit
        found = [first]
        in_parts = False
        for index in range(first + 1, len(quantities)):
            quantity = quantities[index]
            if quantity.start >= sentence.end:
                break
            between = self.text[quantities[index - 1].end : quantity.lead]
            if any(mark in between for mark in "；;"):
                break  # …微博512条；政民互动栏目回复留言64条: another list
            if self.catalogue.part_markers.search(between):
                in_parts = True  # 审核发布信息44条（其中工作动态41条）: parts, not siblings
            elif any(mark in between for mark in "）)"):
                in_parts = False
            if (
                not in_parts
                and depths[quantity.start - sentence.start] == depth
                and quantity.unit == unit
                and quantity.zero_metric is None
            ):
                found.append(index)
        return found

    def _site_total_before_proactive_part(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """通过区政府网站发布信息43条，主动公开政府信息11条，…: a site's count, then a smaller
        主动公开 count in its sentence naming no channel — the site total with a 主动公开 part
        (README): the part is no whole. A first count over channels named together (通过不同渠道
        和方式公开…共135条) outranks the counts of one channel after it."""
        channels = self.catalogue.channels
        together = self.catalogue.channels_together
        if channels.site is None:
            return
        metrics = channels.metrics
        first = next((i for i, f in enumerate(candidates) if f and f[0].metric in metrics), None)
        for index, found in enumerate(candidates):
            if not found or found[0].metric not in metrics:
                continue
            before = contexts[index].before
            # (only the first count: after 主动公开信息52条, 通过不同渠道…483条 is another measure)
            if index == first and together is not None and together.search(before):
                candidates[index] = [Candidate(found[0].metric, found[0].weight + 2)]
                continue
            if not channels.site.search(before) or self.catalogue.partial.search(before):
                continue
            for later in range(index + 1, len(quantities)):
                if quantities[later].start >= contexts[index].sentence.end:
                    break
                clause = contexts[later].before
                if (
                    candidates[later]
                    and candidates[later][0].metric == found[0].metric
                    and quantities[later].value < quantities[index].value
                    and quantities[later].unit == quantities[index].unit
                    and "主动公开" in clause
                    and not channels.channel.search(clause)
                ):
                    _drop_metrics(candidates, later, metrics)
                    candidates[index] = [Candidate(found[0].metric, found[0].weight + 1)]
                break

    def _decide_publishing(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """Counts of published items through channels in one paragraph, no total stated:
        the portal's beside new media only, else none of them (see `publishing`)."""
        channels = self.catalogue.channels
        if channels.published is None or channels.boards is None:
            return
        by_paragraph: dict[int, list[PublishedCount]] = {}
        for index, quantity in enumerate(quantities):
            count = self._published_count(quantities, contexts, candidates, index)
            if count is not None:
                by_paragraph.setdefault(self._paragraph_start(quantity.start), []).append(count)
        for counts in by_paragraph.values():
            for index in not_overall(counts):
                _drop_metrics(candidates, index, channels.metrics)

    def _published_count(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
        index: int,
    ) -> PublishedCount | None:
        """The count at `index` as a count of published items with its role, or None when it
        is none (another metric's, a part, in brackets, no verb of publishing)."""
        channels = self.catalogue.channels
        assert channels.published is not None and channels.boards is not None
        quantity = quantities[index]
        units = self.catalogue.metrics[self._published_metric()].units
        if quantity.unit not in units or quantity.zero_metric is not None:
            return None
        found = candidates[index]
        if any(c.metric not in channels.metrics for c in found):
            return None
        before = contexts[index].before
        if not channels.published.search(before) or self.catalogue.part_markers.search(before):
            return None
        sentence = contexts[index].sentence
        if self._depth(sentence, quantity) or self._in_part_list(sentence.start, quantity.lead):
            return None
        named = _ASIDE.sub("", before)  # (the channels the clause names, not an aside's)
        site = channels.site is not None and channels.site.search(named)
        new_media = channels.new_media is not None and channels.new_media.search(named)
        together = self.catalogue.channels_together
        if channels.not_published is not None and channels.not_published.search(before):
            return None  # 网站公开信箱收到留言N件: letters received, not items published
        if (
            channels.whole.search(before)
            or (together is not None and together.search(before))
            # (政府网站共发布各类信息N条: the site's count stated as the whole)
            or (site and not new_media and self.catalogue.kinds_lists.whole.search(before))
        ):
            role = Role.TOTAL
        elif site and not new_media:
            role = Role.SITE
        elif new_media and not site:
            role = Role.NEW_MEDIA
        elif channels.boards.search(named) and not site:
            role = Role.BOARD
        elif channels.kind is not None and channels.kind.search(before):
            role = Role.KIND
        else:
            role = Role.TOTAL
        return PublishedCount(index, role, bool(found))

    def _drop_kinds_lists(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
    ) -> None:
        """主动公开政府信息64条、规范性文件3条、财政信息2条…: kinds listed under one verb with no
        total; none of them is the whole (see `kinds_lists`)."""
        lists = self.catalogue.kinds_lists
        text = self.text
        for index, found in enumerate(candidates):
            if not found or found[0].metric not in lists.metrics:
                continue
            stated_whole = lists.whole.search(contexts[index].before) is not None
            units = self.catalogue.metrics[found[0].metric].units
            documents = lists.documents is not None and bool(
                lists.documents.search(contexts[index].before)
            )
            siblings, others, total, largest = 0, 0, 0.0, 0.0
            end = quantities[index].end
            for following in quantities[index + 1 :]:
                if following.start >= contexts[index].sentence.end or following.zero_metric:
                    break
                sibling = lists.sibling.search(text[end : following.lead])
                if (
                    sibling is None
                    and documents
                    and siblings == 0
                    and following.unit in units
                    and lists.beside_documents is not None
                    and lists.beside_documents.search(text[end : following.lead])
                ):
                    siblings = 1  # (政府文件108件，“十四五”规划、专项规划信息10条: a kind beside)
                    break
                verb = sibling.group("verb") if sibling else None
                if (
                    sibling is None
                    # (a documents count beside a kind in any unit: 政策文件16件，办公会信息31次)
                    or (following.unit not in units and not documents)
                    or (verb is not None and verb[-2:] not in contexts[index].before)
                ):
                    break  # 发布主动公开文件14件 beside 主动公开政府信息10526条: another count
                siblings += 1
                others += not lists.allowed.search(sibling.group())
                total += following.value
                if sibling.group().startswith("、") and following.unit in units:
                    largest = max(largest, following.value)  # (a kind listed with it)
                end = following.end
            if stated_whole:
                # (累计公开政务公开信息68条、工作动态信息133条…: a word of the whole before the
                # verb said of the list; the first kind is no whole where a later one is larger)
                kind = largest > quantities[index].value
            else:
                kind = (
                    (siblings >= lists.minimum and others and total > quantities[index].value)
                    or (documents and siblings > 0)
                    or self._member_of_list(quantities, contexts, index, siblings)
                )
            if kind:
                candidates[index] = [c for c in found if c.metric not in lists.metrics]
                self._drop_parts_beside(quantities, contexts, candidates, index, lists.metrics)

    def _member_of_list(
        self, quantities: list[Quantity], contexts: list[Context], index: int, siblings: int
    ) -> bool:
        """A count after another member of a list kept apart by semicolons, in a unit of
        the list's metrics (see `kinds_lists.member_after`), with a sibling after it or a
        second member before it."""
        lists = self.catalogue.kinds_lists
        if lists.member_after is None:
            return False
        units = {u for code in lists.metrics for u in self.catalogue.metrics[code].units}
        start = contexts[index].sentence.start
        members = 0
        for current in range(index, max(index - 2, 0), -1):
            previous = quantities[current - 1]
            if previous.start < start or previous.zero_metric or previous.unit not in units:
                break
            between = self.text[previous.end : quantities[current].lead]
            if lists.member_after.search(between) is None:
                break
            members += 1
        return members >= 1 and members + siblings >= 2

    def _drop_parts_beside(
        self,
        quantities: list[Quantity],
        contexts: list[Context],
        candidates: list[list[Candidate]],
        index: int,
        metrics: frozenset[str],
    ) -> None:
        """A channel's count (微信公众号推送信息980篇) after kinds listed with no total in its
        sentence is no whole either."""
        sentence = contexts[index].sentence
        for later in range(index + 1, len(quantities)):
            if quantities[later].start >= sentence.end:
                break
            before = contexts[later].before
            summed = self.catalogue.kinds_lists.channels_summed
            if self._names_a_part(before) and not (summed is not None and summed.search(before)):
                # (门户网站和微信公众号共发布信息N条 after the kinds: the channels' sum, a whole)
                candidates[later] = [c for c in candidates[later] if c.metric not in metrics]

    def _counts_as(self, code: str) -> str:
        return self.catalogue.metrics[code].counts_as()

    def _part_counts_as(self, code: str, whole: str, clause: str) -> str:
        """What a figure of `code` counts as in the part list of a figure of `whole`: a metric
        that stands for another once `whole` is stated, said of the year (共收到…124件，其中
        全年共办理122件: the answered ones; 其中线上办理15件 is a part), is that other one."""
        resolution = self.catalogue.metrics[code].resolves
        if (
            resolution is not None
            and resolution.if_stated == whole
            and self.catalogue.part_names_year.search(clause)
        ):
            return resolution.then
        return self._counts_as(code)

    def _resolve(
        self, contexts: list[Context], metrics: list[str | None], weights: list[int]
    ) -> None:
        """A metric that stands for another one (办理N件, see `Resolution`) becomes it."""
        given = list(zip(metrics, weights, strict=True))
        for index, code in enumerate(metrics):
            resolution = self.catalogue.metrics[code].resolves if code else None
            if resolution is None:
                continue
            # (a count stated less surely, 按渠道分，网络申请401件, does not make it the other)
            stated = {m for m, w in given if w >= weights[index]}
            in_tables = resolution.in_tables
            includes = resolution.includes
            context = contexts[index]
            # (after a separate received count, 共办理41件（含上年结转1件） is still the answered
            # one where the text states no other: the carried-in ones are answered this year too)
            if (
                includes is not None
                and resolution.if_stated in stated
                and resolution.then not in {m for m, _ in given}
            ):
                metrics[index] = resolution.then
            elif includes is not None and (
                includes.search(context.before) or includes.search(context.sentence_after)
            ):
                answered = resolution.all_answered
                if answered is not None and answered.search(context.sentence_after):
                    metrics[index] = resolution.then
                    weights[index] -= 2  # below a count of `then` the text states
                else:
                    metrics[index] = None
            elif resolution.if_stated in stated or (
                in_tables is not None and in_tables.search(self.table_text)
            ):
                metrics[index] = resolution.then
            else:
                metrics[index] = resolution.otherwise

    def _head(self, quantities: list[Quantity], position: int, sentence: Sentence) -> int | None:
        """The figure a part list at `position` breaks down: the last one before it in the
        sentence, or in the previous sentence when the list opens a sentence (…1913条。其中，…).
        A rate after the count (…2713条，全文电子化率达100%。其中：…3条) heads no list of counts."""
        after = [q for q in quantities if q.start >= position]
        counts = bool(after) and after[0].unit != "%"
        before = [
            i
            for i, q in enumerate(quantities)
            if q.end <= position and not (counts and q.unit == "%")
        ]
        if not before:
            return None
        last = before[-1]
        if quantities[last].start >= sentence.start:
            return last
        opening = self.text[sentence.start : position].strip("，,：: ")
        sentence_index = self.sentences.index_at(position)
        if opening or sentence_index == 0:
            return None
        previous = self.sentences.spans[sentence_index - 1]
        return last if quantities[last].start >= previous.start else None

    def _scope_end(self, position: int, sentence: Sentence, marker_end: int | None = None) -> int:
        """Where the part list opened at `position` ends: its bracket's close, the first
        semicolon, or the sentence's end where a colon opens the list (其中：…N条；…N条；…)."""
        depths = self._bracket_depths(sentence)
        depth = depths[position - sentence.start]
        listed = marker_end is not None and self.text[marker_end : marker_end + 1] in ("：", ":")
        for offset in range(position - sentence.start, len(depths)):
            if depths[offset] < depth:
                return sentence.start + offset
            if depth == 0 and not listed and self.text[sentence.start + offset] in "；;":
                return sentence.start + offset
        return sentence.end

    def _add_sums(
        self, quantities: list[Quantity], contexts: list[Context], candidates: list[list[Candidate]]
    ) -> None:
        """全县合计219件: a sum states the metric of the figures before it in its sentence that
        it adds up (same unit), and outweighs them."""
        for index, context in enumerate(contexts):
            if candidates[index] or not self.catalogue.sum_clause.search(context.before):
                continue
            parts = [
                candidates[earlier][0]
                for earlier in range(index)
                if quantities[earlier].start >= context.sentence.start
                and candidates[earlier]
                and quantities[earlier].unit == quantities[index].unit
            ]
            if parts:
                metric = parts[-1].metric
                weight = max(c.weight for c in parts if c.metric == metric)
                candidates[index] = [Candidate(metric, weight + 1)]
            elif self._sums_published_kinds(quantities, context, index):
                candidates[index] = [Candidate(self._published_metric(), 2)]

    def _sums_published_kinds(
        self, quantities: list[Quantity], context: Context, index: int
    ) -> bool:
        """更新政策文件26条、工作动态85条、通知公告40条，共计151条: kinds published under one
        verb, none read as a metric, then a sum equal to theirs: the published whole."""
        channels = self.catalogue.channels
        if channels.published is None or channels.summed_whole is None:
            return False
        quantity = quantities[index]
        start = context.sentence.start
        earlier = [q for q in quantities[:index] if q.start >= start]
        if len(earlier) < 2 or any(q.unit != quantity.unit or q.zero_metric for q in earlier):
            return False
        opening = self.text[start : earlier[0].lead]
        return (
            sum(q.value for q in earlier) == quantity.value
            and channels.published.search(opening) is not None
            and channels.summed_whole.search(opening) is not None
        )

    def _keep_once(
        self, quantities: list[Quantity], metrics: list[str | None], weights: list[int]
    ) -> None:
        """Keep each metric on its best figure and on figures that repeat its value."""
        best: dict[str, int] = {}
        for index, metric in enumerate(metrics):
            if metric is not None and (
                metric not in best or weights[index] > weights[best[metric]]
            ):
                best[metric] = index
        for index, metric in enumerate(metrics):
            if metric is not None and quantities[index].value != quantities[best[metric]].value:
                metrics[index] = None

    # -- shares and changes --------------------------------------------------------------

    def _derived(
        self, quantities: list[Quantity], contexts: list[Context], metrics: list[str | None]
    ) -> list[str | None]:
        known = self.catalogue.metrics.values()
        share_of = {m.share_of: m.code for m in known if m.share_of is not None}
        change_of = {m.change_of: m.code for m in known if m.change_of is not None}
        derived: list[str | None] = [None] * len(quantities)
        for index, quantity in enumerate(quantities):
            if metrics[index] is not None or quantity.unit != "%" or quantity.zero_metric:
                continue
            context = contexts[index]
            if quantity.change:
                of_a_rate = self.catalogue.changes.of_a_rate
                if of_a_rate is not None and of_a_rate.search(context.before):
                    continue
                table = change_of
            elif self.catalogue.share_clause.search(context.before):
                table = share_of
            else:
                continue
            base = self._qualified(quantities, metrics, index, context.sentence)
            base_metric = metrics[base] if base is not None else None
            if base_metric is not None and base_metric in table:
                derived[index] = table[base_metric]
        return derived

    def _qualified(
        self,
        quantities: list[Quantity],
        metrics: list[str | None],
        index: int,
        sentence: Sentence,
    ) -> int | None:
        """The figure a share or change qualifies: the nearest earlier one in the sentence that
        is not a percentage, not inside brackets closed in between, and states a metric
        (较上年的97件增长31.96% qualifies the figure before 97件); the nearest one if none does."""
        depths = self._bracket_depths(sentence)
        here = quantities[index].lead - sentence.start
        nearest: int | None = None
        for candidate in range(index - 1, -1, -1):
            quantity = quantities[candidate]
            if quantity.start < max(sentence.start, quantities[index].lead - SENTENCE_LOOKBACK):
                break
            if quantity.unit == "%":
                continue
            at = quantity.start - sentence.start
            if min(depths[at : here + 1]) >= depths[at]:
                if metrics[candidate] is not None:
                    return candidate
                if nearest is None:
                    nearest = candidate
        return nearest
