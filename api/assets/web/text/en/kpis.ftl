# The KPIs page (/kpis): each KPI per government layer against its targets, as a chart and as
# tables, whether the progress report can report it yet, and the quality of the data sources.

kpis-title = KPIs
kpis-none = The programme has not recorded any KPIs yet.
kpis-summary = { $count ->
    [one] { $count } KPI
   *[other] { $count } KPIs
}. { $blocked } cannot go into the progress report yet; each KPI says why.
kpis-cut = The page shows the first { $shown } of { $total } KPIs.
# Before and after the status date in the first paragraph: "As at <strong>15 June 2026</strong> (the status date)."
kpis-as-of = As at
kpis-as-of-after = (the status date).
kpis-contents = On this page
kpis-contents-blocked = not reportable yet

## A KPI

kpis-unit = Unit
kpis-direction = Direction
kpis-frequency = Measured
kpis-baseline = Baseline
kpis-aggregation-sum = The four government layers add up to the total: where every layer is measured and there is no total, koers adds them up.
kpis-aggregation-none = Only a total measured as a whole; the layers do not add up.
kpis-data-sources = Data sources
kpis-no-sources = none recorded
kpis-weakest = weakest point: { $dimension } { $score }
kpis-not-assessed = not assessed
kpis-not-reportable = Cannot go into the progress report yet: { $reasons }.
kpis-standings = Standing against the target
kpis-standing-no-target = { $series }: latest measurement { $latest }. No target for { $whose }.
kpis-all-together = all governments together
kpis-standing-target = { $series }: latest measurement { $latest }. Target { $value } { $unit } in { $year }.
kpis-unmeasured-year = { $year } has not been measured yet.
# After the verdict on the latest measurement, when it is an estimate.
kpis-estimated = (estimated)
# $estimated is empty, or " (estimated)".
kpis-reached-already = The latest measurement already meets that target{ $estimated }.
kpis-reached = The latest measurement meets that target{ $estimated }.
kpis-not-reached-yet = The latest measurement does not meet that target yet{ $estimated }.
kpis-not-reached = The latest measurement does not meet that target{ $estimated }.
kpis-reached-unknown = Whether the latest measurement meets that target cannot be told: it is a bound.
kpis-standing-unmeasured = { $series }: no measurement yet; target { $target }.
kpis-later = { $count ->
    [one] { $count } measurement of a period that ends after the status date does not count yet.
   *[other] { $count } measurements of periods that end after the status date do not count yet.
}
kpis-nothing = No measurements or targets yet.
kpis-measured-caption = Measurements of { $code } in { $unit }, by period
kpis-period = Period
kpis-summed = (summed over the four layers)
kpis-targets-caption = Targets of { $code }, by year
kpis-year = Year
kpis-no-target = No target has been set.

## The chart

kpis-chart-title = Chart of { $code } { $name }: the measurements per government layer against the targets. The tables below give the same figures.
kpis-chart-status-date = Status date { $day }
kpis-chart-status-label = status date
kpis-chart-target = target { $target }
kpis-chart-measurement = measurement
kpis-chart-target-legend = target (for that year)

## The data sources

kpis-sources-heading = Quality of the data sources
kpis-sources-intro = For each source, the latest assessment on each dimension of the NORA framework for data quality, on a scale from 1 (poor) to 5 (excellent). A score below { $score } keeps the KPIs that come from the source out of the progress report.
kpis-owner = Owner
kpis-updated = Updated
kpis-access = Access
kpis-quality-caption = Quality of { $source } by dimension
kpis-dimension = Dimension
kpis-score = Score
kpis-assessed-on = Assessed on
kpis-finding = Finding
kpis-earlier-heading = Earlier
kpis-earlier = { $score } on { $day }
kpis-too-low = too low to report
kpis-unassessed = Not assessed on { $dimensions }.
