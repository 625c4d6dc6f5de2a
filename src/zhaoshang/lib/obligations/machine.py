"""State machines of 督办 and 诉求: states, the actions that move between them, who may press each one.

Every action is checked here and nowhere else; an illegal one raises `TransitionRefused` with a Chinese
message naming the state and the action, and the caller changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Side(StrEnum):
    """Who presses an action: the district's bureau staff, or the responsible unit the item is assigned to."""

    DISTRICT = "district"
    UNIT = "unit"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    MOSTLY = "mostly"
    UNSATISFIED = "unsatisfied"


SATISFACTION_LABELS = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.MOSTLY: "基本满意",
    Satisfaction.UNSATISFIED: "不满意",
}


class TransitionRefused(ValueError):
    """An action the machine does not allow in this state, by this side or without what it needs."""


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    source: str
    target: str
    side: Side
    needs_reason: bool = False
    needs_satisfaction: bool = False
    # Where the action leads instead of `target` when the firm is not satisfied (诉求's 回访 reopens).
    reopen_target: str | None = None


@dataclass(frozen=True)
class Machine:
    """The states (in order, with Chinese labels), the initial and final states and the actions."""

    name: str
    states: dict[str, str]
    initial: str
    final: str
    actions: tuple[Action, ...]

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def action(self, key: str) -> Action:
        for action in self.actions:
            if action.key == key:
                return action
        raise TransitionRefused(f"未知的{self.name}操作：“{key}”")

    def available(self, state: str, side: Side | None = None) -> list[Action]:
        """The actions that may be pressed in `state` (by `side`, if given)."""
        return [a for a in self.actions if a.source == state and (side is None or a.side == side)]

    def is_open(self, state: str) -> bool:
        return state != self.final

    def apply(
        self,
        state: str,
        key: str,
        *,
        side: Side,
        reason: str = "",
        satisfaction: str | None = None,
    ) -> str:
        """The state after pressing `key` in `state`; raises TransitionRefused (nothing changes) when the
        machine does not allow it."""
        if state not in self.states:
            raise TransitionRefused(f"未知的{self.name}状态：“{state}”")
        action = self.action(key)
        if action.source != state:
            allowed = "、".join(a.label for a in self.available(state)) or "无"
            raise TransitionRefused(
                f"{self.name}当前为“{self.label(state)}”，不能执行“{action.label}”（此时可执行：{allowed}）。"
            )
        if action.side != side:
            who = "责任单位" if action.side == Side.UNIT else "区县招商部门"
            raise TransitionRefused(f"“{action.label}”只能由{who}执行。")
        if action.needs_reason and not reason.strip():
            raise TransitionRefused(f"“{action.label}”须填写理由。")
        if action.needs_satisfaction:
            if satisfaction not in set(Satisfaction):
                raise TransitionRefused(f"“{action.label}”须选择企业满意度（满意、基本满意或不满意）。")
            if satisfaction == Satisfaction.UNSATISFIED:
                if not reason.strip():
                    raise TransitionRefused("企业不满意时须填写不满意的原因。")
                return action.reopen_target or action.target
        elif satisfaction:
            raise TransitionRefused(f"“{action.label}”不记录满意度。")
        return action.target


# 督办: 交办 → 签收 → 办理 → 反馈 → 复核 → 办结; 复核 → 办理 (退回) with a reason.
SUPERVISION = Machine(
    name="督办事项",
    states={
        "assigned": "交办",
        "signed": "签收",
        "handling": "办理",
        "reported": "反馈",
        "reviewing": "复核",
        "closed": "办结",
    },
    initial="assigned",
    final="closed",
    actions=(
        Action("sign", "签收", "assigned", "signed", Side.UNIT),
        Action("handle", "办理", "signed", "handling", Side.UNIT),
        Action("report", "反馈", "handling", "reported", Side.UNIT, needs_reason=True),
        Action("review", "复核", "reported", "reviewing", Side.DISTRICT),
        Action("close", "办结", "reviewing", "closed", Side.DISTRICT),
        Action("return", "退回", "reviewing", "handling", Side.DISTRICT, needs_reason=True),
    ),
)

# 诉求: 收集 → 交办 → 办理 → 反馈 → 回访 → 销号; 回访 with 不满意 reopens it to 办理.
APPEAL = Machine(
    name="企业诉求",
    states={
        "collected": "收集",
        "assigned": "交办",
        "handling": "办理",
        "reported": "反馈",
        "revisited": "回访",
        "closed": "销号",
    },
    initial="collected",
    final="closed",
    actions=(
        Action("assign", "交办", "collected", "assigned", Side.DISTRICT),
        Action("handle", "办理", "assigned", "handling", Side.UNIT),
        Action("report", "反馈", "handling", "reported", Side.UNIT, needs_reason=True),
        Action(
            "revisit",
            "回访",
            "reported",
            "revisited",
            Side.DISTRICT,
            needs_satisfaction=True,
            reopen_target="handling",
        ),
        Action("close", "销号", "revisited", "closed", Side.DISTRICT),
    ),
)
