"""The OpenAPI descriptions of fields that several schemas (or several routes) share, written once.

Plain Chinese strings, not gettext: like the tag descriptions and summaries (api/api.py), they document the
API for the bureau's developers and are not translated with the pages.
"""

from __future__ import annotations

from django.db.models import Choices

from zhaoshang.intake.models import FactStatus
from zhaoshang.leads.models import LeadSource, LeadStage, VisitKind
from zhaoshang.projects.models import Origin, ProjectType, Stage
from zhaoshang.regions.models import Level
from zhaoshang.targets.models import TargetLevel
from zhaoshang.units.models import UnitKind


def codes(choices: type[Choices]) -> str:
    """The codes of a model's choices with their Chinese labels, from the choices themselves (never a copy
    that could drift from them)."""
    return "、".join(f"{value} {label}" for value, label in choices.choices)


# Records and references
ID = "记录 ID"
REF = "所引用记录的 ID 与名称"
REF_ID = "所引用记录的 ID"
REF_NAME = "所引用记录的名称"
REGION = "所属区划（代码与名称）"
REGION_CODE = "六位区划代码"
REGION_NAME = "区划名称"
REGION_FILTER = "区划代码；市级代码包含其下各区县"
PERSON = "负责人（用户 ID 与姓名）；空：未指定"
CREATED_AT = "创建时间（ISO 8601，含时区）"
UPDATED_AT = "最后修改时间（ISO 8601，含时区）"
CREATED_BY = "记录人（用户名）；空：系统或已删除的用户"
NOTES = "备注"
SHORT_NAME = "简称"
INDUSTRY_CODE = "国民经济行业分类（GB/T 4754-2017）小类代码；空：未分类"
IS_ABOVE_SCALE = "是否规模以上企业（规上企业）"
SEGMENT_ID = "产业链环节 ID"

PERIOD = "期间：2022（全年）、2022H1（上半年）、2022Q3（第三季度）、2022-05（5月）、2022-06YTD（1–6月）、2022-01-01..2022-06-30（起止日期）"

# Pages (api/pagination.py)
ITEMS = "本页的记录"
LIMIT = "每页条数（1–200）"
OFFSET = "跳过的条数"

# Projects
PROJECT_ID = "项目 ID"
PROJECT_NAME = "项目名称"
STAGE = "台账阶段代码：" + codes(Stage)
STAGE_LABEL = "阶段名称（中文）"
IS_KEY = "是否重点项目"
IS_MANUFACTURING = "是否制造业项目（按行业代码判断，或按人工认定）"
PROJECT_TYPE = "项目类型代码：" + codes(ProjectType)
ORIGIN = "资金来源代码：" + codes(Origin)
ORIGIN_COUNTRY = "外资来源国家或地区"
DIRECTION = "产业方向"
DIRECTION_ID = "产业方向 ID"
PARK = "载体（园区）"
PARK_ID = "载体（园区）ID"
INVESTORS = "投资方企业（无权查看的保密项目为空）"
SEGMENTS = "项目所属的产业链环节"
SEGMENT_IDS = "项目所属的产业链环节 ID"
OWNER = "项目责任人（用户 ID 与姓名）"
OWNER_ID = "项目责任人的用户 ID；默认为调用者"
MANUFACTURING_OVERRIDE = "人工认定是否制造业（空：按行业代码判断）"
MANUFACTURING_OVERRIDE_REASON = "人工认定制造业的理由（认定时必填）"
LEAD_ON = "进入线索阶段的日期"
NEGOTIATING_ON = "进入洽谈阶段的日期"
SIGNED_ON = "签约日期"
REGISTERED_ON = "注册日期"
STARTED_ON = "开工日期"
IN_PRODUCTION_ON = "投产日期"
TERMINATED_ON = "终止日期"
TERMINATION_REASON = "终止原因（无权查看的保密项目为空）"
TO_STAGE = "变更后的阶段代码（推进到下一阶段，或 terminated 终止）"
STAGE_ON = "阶段变更的日期（不能晚于今天）"
STAGE_COMMENT = "变更说明"

# Enterprises
ENTERPRISE = "企业（ID 与名称）"
ENTERPRISE_ID = "企业 ID"
ENTERPRISE_NAME = "企业名称"

# Targets
TARGET_ID = "目标 ID"
YEAR = "年度"
METRIC = "指标键（见 targets/registry.py，如 contract_investment 合同投资额）"
METRIC_LABEL = "指标名称（中文）"
TARGET_SCOPE = "口径：空（全部）、key、manufacturing、direction:<id> …"
TARGET_LEVEL = "层级：" + codes(TargetLevel)
TARGET_VALUE = "目标值：金额为元，数量为个，比率为小数"

# Regions
REGION_LEVEL = "区划层级代码：" + codes(Level)

# Chains and plans
CHAIN_KEY = "产业链代码，如 nev"
NODE_ID = "节点 ID"
NODE_CODE = "节点代码（模板内唯一）"
NODE_NAME = "节点名称"
NODE_ORDER = "节点在计划中的次序"
NODE_LEDGER_STAGE = "对应台账阶段（空：无）；台账进入该阶段时节点自动完成"
DEPENDS_ON = "前置节点代码"
EVIDENCE = "所需佐证材料"
TEMPLATE = "节点模板（ID 与名称）"

# Leads
LEAD_ID = "线索 ID"
LEAD_STAGE = "线索阶段代码：" + codes(LeadStage)
LEAD_SOURCE = "线索来源代码：" + codes(LeadSource)
NEXT_ACTION = "下一步工作"
NEXT_ACTION_ON = "下一步工作的计划日期（过期未跟进即为逾期）"
VISIT_KIND = "走访方式代码：" + codes(VisitKind)
VISIT_PEOPLE = "参与人员"
VISIT_SUMMARY = "走访内容摘要"
VISIT_OUTCOME = "走访成果"

# Documents and facts
DOCUMENT_ID = "文档 ID"
FACT_ID = "事实 ID"
FACT_STATUS = "审核状态代码：" + codes(FactStatus)
DOCUMENT_PERIOD = "文档所述期间代码，如 2022H1；空：未识别"

# Jobs and units
JOB_ID = "后台任务 ID"
UNIT_ID = "责任单位 ID"
UNIT_NAME = "单位名称"
UNIT_KIND = "单位类别代码：" + codes(UnitKind)
UNIT_ACTIVE = "是否启用（停用的单位不再接收交办事项，其账号看不到任何事项）"
