"""What the three case areas share — 信访 (petitions), 建议提案 (suggestions) and 复议诉讼审计
(oversight): the reminder and overdue timers of a time limit and whether a limit is near or past
(:mod:`zhengwu.cases.limits`), and following a case as a supervision item (:mod:`zhengwu.cases.followup`).
No models; each area imports these and none of them imports another area."""
