# Milestone: everything about one milestone (its dates, health, predecessors and successors,
# commitments, KPIs, tasks and risks) and its history in words.

## No milestone

milestone-not-found = Milestone not found
milestone-not-found-then = On { $day } koers did not yet know this milestone (or this address names no milestone). Choose a later date, or view the current plan.
milestone-not-found-more = This address names no milestone koers knows. Look the milestone up from My overview.

## The heading and what the milestone is

milestone-breadcrumb = Milestone
milestone-deleted = This milestone was deleted on { $moment }. It is shown here because the history names it.
milestone-overruled = (according to the plan; manager's judgement: { $health })
milestone-overridden = (manager's judgement)
milestone-on-status-date = as at the status date, { $day }.
milestone-about = About this milestone
milestone-layer = Government layer
milestone-joint = Joint: { $layers }
milestone-kind = Type
milestone-progress = Progress
milestone-phase = Phase
milestone-workstream = Workstream
milestone-owner = Owner
milestone-programme = Programme

## Dates

milestone-dates = Dates
milestone-dates-caption = The milestone's dates and what they mean
milestone-baseline = First promised (baseline)
milestone-planned = Planned
milestone-forecast = Owner's forecast
milestone-earliest = Earliest possible after its predecessors
milestone-earliest-infeasible = (later than its own date, which therefore cannot be met)
milestone-in-recess = during the { $recess }
milestone-actual = Achieved
milestone-projected = Projected (calculated)
milestone-slip = Slip since the baseline
milestone-deadline = Deadline
milestone-no-deadline = no deadline of its own
milestone-deadline-that-counts = Deadline that counts (from a commitment)
milestone-deadline-slack = Slack to the tightest deadline
milestone-deadline-slack-late = { $days } late
milestone-plan-slack = Slack in the plan
milestone-plan-slack-short = { $days } short
milestone-variances-caption = Against each baseline: the date then and where the projection stands now
milestone-variance-original = { $name } (original plan)
milestone-variance-label = { $name }, recorded { $day }
milestone-variance-value = { $day }; now projected { $later }

## Health and reasons

milestone-health = Health and reasons
milestone-computed = Calculated from the plan:
milestone-because = , because:
milestone-to-that-milestone = go to that milestone
milestone-judgement = Manager's judgement: { $health }, because { $reason }.
milestone-judgement-until = Manager's judgement: { $health }, until { $day } inclusive, because { $reason }.
milestone-judgement-lapsed = This judgement no longer counts: it is more favourable than the calculation and its term has passed.
milestone-judgement-outweighed = This judgement stands as the manager's view, but it is more favourable than what the plan calculates: koers therefore shows the calculated health above.
milestone-judgement-counts = This judgement counts.

## Predecessors and successors

milestone-neighbours = Predecessors and successors
milestone-pushed-by = Pushed by
milestone-pushed-by-more = It determines the earliest date this milestone can be reached.
milestone-pushes = This milestone pushes
milestone-pushes-back = back.
milestone-waits-for = Waits for
milestone-predecessors-caption = Predecessors: this milestone can only follow them (plus the lag)
milestone-drives-this = pushes this milestone
milestone-no-predecessors = No predecessors.
milestone-after = After this
milestone-successors-caption = Successors: they can only follow this milestone (plus the lag)
milestone-driven-by-this = pushed by this milestone
milestone-no-successors = No successors.
milestone-column-milestone = Milestone
milestone-column-lag = Lag
milestone-column-projected = Projected or achieved
milestone-column-state = Health
milestone-no-lag = none
milestone-neighbour-deleted = (deleted)

## Commitments, KPIs, tasks and risks

milestone-linked = Commitments, KPIs, tasks and risks
milestone-commitments = Commitments to the Kamer
milestone-commitments-caption = Commitments this milestone fulfils
milestone-no-commitments = This milestone fulfils no commitment.
milestone-commitment = Deadline { $deadline }. { $state }. { $detail }
milestone-commitment-fulfilled = Deadline { $deadline }. { $state }.
milestone-kpis = KPIs
milestone-no-kpis = This milestone does not contribute to a KPI.
milestone-tasks = Data infrastructure tasks
milestone-tasks-caption = Tasks that belong to this milestone
milestone-no-tasks = No tasks belong to this milestone.
milestone-task = { $layer }; due by { $day }; { $progress }
milestone-task-done-on = done on { $day }
milestone-risks = Risks
milestone-risks-caption = Risks recorded for this milestone
milestone-no-risks = No risks have been recorded.
milestone-risk = { $status } ({ $levels }, score { $score } of 9); { $mitigation }
milestone-mitigation = mitigation: { $mitigation }
milestone-no-mitigation = no mitigation yet

## History (also on My overview: what others changed)

milestone-history = History
milestone-history-none = Nothing has been recorded about this milestone yet.
milestone-history-part = { $shown } of the { $total } recorded field changes, newest first.
milestone-history-all = { $count ->
    [one] { $count } field change
   *[other] { $count } field changes
} recorded, newest first.
milestone-change = { $what } on { $when } by { $who }
milestone-change-reason = Reason given: “{ $reason }”
milestone-older = Older changes
milestone-created = Created
milestone-updated = Changed
milestone-removed = Deleted
milestone-restored = Restored
milestone-linked-to = Linked
milestone-unlinked-from = Unlinked
milestone-empty = (empty)
milestone-unreadable = (unreadable)
milestone-gone = (no longer found)
milestone-unlinked = (unlinked)
milestone-successor = Successor
milestone-predecessor = Predecessor
milestone-kpi = KPI
milestone-task-link = Data infrastructure task
milestone-commitment-link = Commitment
milestone-link = Link
milestone-field-title = Title
milestone-field-description = Description
milestone-field-participating-layers = Participating layers
milestone-field-baseline-date = Baseline
milestone-field-forecast-date = Forecast
milestone-field-actual-date = Achieved on
milestone-field-deadline-text = Deadline as promised
milestone-field-health-override = Manager's judgement
milestone-field-health-override-reason = Reason for the judgement
milestone-field-health-override-until = Judgement applies until
milestone-field-deleted-at = Deleted
milestone-field-dependents = What depended on it
