# Timeline (/tijdlijn): the milestones on a timeline, by government layer or by phase, with the
# filters, the key, the text in the drawing (tooltips and names) and the same milestones as a
# table.

## The page

timeline-title = Timeline
timeline-title-layer = Timeline · { $layer }
timeline-summary = { $count ->
    [one] { $count } milestone
   *[other] { $count } milestones
} on the timeline.
timeline-summary-none = No milestone matches these filters.
timeline-summary-cut = { $total ->
    [one] { $total } milestone matches
   *[other] { $total } milestones match
} the filters; the { $shown } with the earliest planned date are on the timeline. Choose a layer or phase for the rest.
# After the summary: "As at <strong>15 June 2026</strong> (the status date)."
timeline-as-at = As at
timeline-as-at-status-date = (the status date).

## The filters (the values in the address stay Dutch)

timeline-filter-layer = Government layer
timeline-filter-phase = Phase
timeline-filter-health = Health
timeline-filter-overdue = Overdue only
timeline-filter-zoom = Zoom
timeline-filter-grouping = Group by
timeline-all-layers = All layers
timeline-all-phases = All phases
timeline-zoom-years = Years
timeline-zoom-quarters = Quarters
timeline-group-layer = Government layer
timeline-group-phase = Phase
timeline-no-phase = No phase

## A choice in the address koers does not know (400)

timeline-unknown-choice = This address chooses something koers does not know for the { $what }. Choose the filters on the Timeline itself.
timeline-unknown-layer = government layer
timeline-unknown-health = status
timeline-unknown-overdue = overdue filter
timeline-unknown-zoom = zoom
timeline-unknown-grouping = grouping
timeline-unknown-phase = phase

## The key

timeline-skip-to-table = Skip the timeline and read it as a table
timeline-legend = Key
timeline-legend-on-track = On track (circle)
timeline-legend-at-risk = At risk (triangle)
timeline-legend-off-track = Off track (square)
timeline-legend-done = Done (grey circle)
timeline-legend-cancelled = Cancelled (cross)
timeline-legend-baseline = Baseline: the date as first promised (open diamond)
timeline-legend-slip = Slip from the baseline to the projected date
timeline-legend-deadline = Deadline (red bar)
timeline-legend-dependency = Dependency: the arrow points to the milestone that waits
timeline-legend-status-date = Status date
timeline-legend-today = Today (when it differs from the status date)
timeline-legend-recess = Recess of the Kamer (grey band)

## The drawing

timeline-scroll-label = Timeline, scrolls horizontally
timeline-svg-title = Timeline of { $count ->
    [one] { $count } milestone
   *[other] { $count } milestones
}
# A recess as a grey band: "Summer recess 2026 (3 July 2026 to 31 August 2026)".
timeline-recess = { $name } ({ $first } to { $last })
timeline-today = today
timeline-status-date = status date
timeline-status-date-today = status date (today)
# An arrow: "Milestone B waits for milestone A" (the lag follows after a comma).
timeline-waits-for = { $milestone } waits for { $predecessor }
timeline-reached = reached { $date }
timeline-projected = projected { $date }
timeline-outside-baseline = baseline { $date }
timeline-outside-deadline = deadline { $date }
timeline-outside = (outside the years shown, drawn at the edge: { $dates })
timeline-moved = Moved from { $from } to { $to }
timeline-baseline = Baseline { $date }
timeline-deadline = Deadline { $date }

## The table

timeline-table = The timeline as a table
timeline-table-caption = The same milestones, by group and projected date
timeline-column-milestone = Milestone
timeline-column-group = Group
timeline-column-baseline = Baseline
timeline-column-projected = Projected
timeline-column-deadline = Deadline
timeline-column-state = Health
