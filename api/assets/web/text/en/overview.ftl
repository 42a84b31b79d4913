# My overview (/), with "What others changed" (recent_changes.rs).

## The page

overview-title = My overview
overview-title-layer = My overview · { $layer }
overview-unknown-layer = Unknown government layer
overview-unknown-layer-more = This address names a government layer koers does not know. Choose a layer on My overview: central government, provinces, municipalities, water boards or all layers.
overview-scope-layer = { $layer } and the joint milestones
overview-scope-all = The whole programme
overview-status-on = as at
overview-status-date-note = (the status date).
overview-layer-label = Government layer
overview-all-layers = All layers

## What needs attention

overview-attention = What needs attention
overview-attention-cut = { $overdue } overdue and { $attention } off track or at risk (a milestone that is overdue is usually counted there too).
overview-attention-cut-first = Below are the first 100 of each, by planned date.
overview-attention-cut-first-choose = Below are the first 100 of each, by planned date; choose a government layer for a shorter list.
overview-attention-summary = { $overdue } overdue (and so off track); besides these, { $off } off track and { $risk } at risk.
overview-attention-caption = Milestones that are overdue, off track or at risk, the most urgent first
overview-col-milestone = Milestone
overview-col-layer = Layer
overview-col-state-reason = Health and reason
overview-col-projected = Projected
overview-col-deadline = Deadline
overview-manager-judgement = manager's judgement
overview-judgement = Manager's judgement: { $health } ({ $reason })
overview-attention-none = Nothing: no open milestone is overdue, off track or at risk.

## Commitments to the Kamer

overview-commitments = Commitments to the Kamer
overview-fulfilled = { $count ->
    [one] One commitment has been fulfilled.
   *[other] { $count } commitments have been fulfilled.
}
overview-open-cut = Of the { $total } open commitments, the first { $shown } are shown here, by deadline.
overview-commitments-caption = The programme's open commitments, the most serious first
overview-col-commitment = Commitment
overview-col-state = State
overview-commitments-none = There are no open commitments to the Kamer.

## Deadlines

overview-deadlines = Deadlines
overview-deadlines-passed = Passed while the milestone is still open
overview-until-recess = Until the next recess
overview-next-recess = The next recess is the { $recess } ({ $first } to { $last }).
overview-expected-late = projected { $day }, { $days } after the deadline
overview-no-deadlines = No open milestone has a deadline between the status date and that recess.
overview-no-recess = The recess calendar has no recess after the status date; add it to see the deadlines until the recess.
overview-deadlines-cut = There are more than 100 deadlines: these are the first 100 of each, by the milestone's planned date.

## What others changed

overview-changes = What others changed
overview-changes-others-layer = Changes by others to the milestones of { $layer } (with the joint ones) and to the milestones they wait for
overview-changes-others = Changes by others to milestones
overview-changes-all-layer = Changes to the milestones of { $layer } (with the joint ones) and to the milestones they wait for
overview-changes-all = Changes to milestones
overview-changes-summary = { $whose }, in the { $window } up to and including { $day }: { $found }.
overview-changes-nothing = nothing
overview-changes-cut-records = These are the newest { $shown } of { $total } changes by field; each milestone's history has them all.
overview-changes-cut-objects = With its predecessors this layer has more than { $most } milestones; only the first { $most } were checked.
overview-change-by = by { $who } on { $when }
overview-change-reason = Reason given: “{ $reason }”
overview-relation-yours = Your milestone
overview-relation-layer = Milestone of { $layer }
overview-relation-and-predecessor = { $what }, and predecessor of { $titles }
overview-relation-was-layer = Was a milestone of { $layer }
overview-relation-predecessor = Predecessor of { $whose }
overview-relation-was-predecessor = Was a predecessor of { $whose }
overview-relation-your-one = your milestone { $title }
overview-relation-your-many = { $count } of your milestones: { $titles }
overview-relation-layer-many = { $count } milestones of { $layer }: { $titles }
