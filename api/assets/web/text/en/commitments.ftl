# Commitments (/toezeggingen), and a commitment's state as every page writes it
# (commitment_state.rs).

## The page

commitments-title = Commitments
commitments-heading = Commitments to the Kamer
commitments-summary = { $count ->
    [one] { $count } commitment
   *[other] { $count } commitments
} to the Kamer, { $open } of them open.
commitments-letters-owed = { $count ->
    [one] { $count } commitment needs
   *[other] { $count } commitments need
} a postponement letter.
commitments-status-on = As at
commitments-status-date-note = (the status date).
commitments-cut = Shown here are the first { $shown } of the { $total } commitments, by deadline.
commitments-made = by { $who } on { $day }
commitments-made-label = Made
commitments-deadline-label = Deadline
commitments-state-label = State
commitments-milestones-label = Milestones
commitments-letters-label = Letters to the Kamer
commitments-milestone-cancelled = cancelled
commitments-milestone-reached = reached { $day }
commitments-milestone-expected = expected { $day }
commitments-decides = decides the state
commitments-no-milestones = none: koers cannot say whether the deadline will be met
commitments-no-letters = none yet
commitments-none = The programme has no commitments to the Kamer on record.

## A commitment's state

commitments-state-missed = Deadline missed
commitments-state-needs-postponement-letter = Postponement letter needed
commitments-state-at-risk = At risk
commitments-state-on-track = On track
commitments-state-fulfilled = Fulfilled
commitments-meaning-missed = The deadline has passed and the commitment has not been fulfilled.
commitments-meaning-needs-postponement-letter = A milestone that fulfils the commitment is not expected until after the deadline: the Kamer must receive a postponement letter.
commitments-meaning-at-risk = Still on time, but with little slack before the deadline.
commitments-meaning-on-track = Expected on time, as far as the linked milestones show.
commitments-meaning-fulfilled = The Kamer has received the letter that fulfils the commitment; each commitment says whether it came on time.
commitments-detail-missed-days = The deadline passed { $days } ago (as at the status date).
commitments-detail-missed = The deadline has passed.
commitments-detail-no-milestone = No milestone is linked to the commitment yet: koers cannot say whether the deadline will be met.
commitments-detail-expected-late = Expected { $day }, { $days } after the deadline.
commitments-detail-expected-early = Expected { $day }, { $days } before the deadline.
commitments-detail-expected = Expected { $day }.
commitments-detail-work-done = The work is done; what is still missing is the letter to the Kamer that fulfils the commitment.
commitments-detail-letter-needed = A postponement letter to the Kamer is needed.
