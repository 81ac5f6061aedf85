"""请示报告 (arts. 16, 46, 55): reports of emergencies and safety accidents with their clock-time
limits and timeline, the register of major matters reported upward, and the assignment of a leader
to the sessions of the 州人大常委会."""
