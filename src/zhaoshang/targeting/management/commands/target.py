"""`zhaoshang target`: rank the universe's firms for a region's chain gaps, each score explained."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.lib import chaindefs
from zhaoshang.lib.universe.divisions import UnknownRegionError, load_divisions, region_centroid
from zhaoshang.lib.universe.scoring import ScoreWeights, TargetRequest, rank_candidates
from zhaoshang.targeting.services import UniverseMissing, UniverseUnavailable, connection


class Command(BaseCommand):
    help = (
        "为缺失环节排出候选企业：--region 500106 --chain nev --segment 车载操作系统 --top 50 --json "
        "[--universe 目录]；查询引擎由 UNIVERSE_ENGINE 决定（duckdb 或 spark）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="目标区划代码，如 500106")
        parser.add_argument("--chain", required=True, help="产业链：nev / biomed / port")
        parser.add_argument("--segment", action="append", required=True, help="缺失环节（可重复）")
        parser.add_argument("--top", type=int, default=50, help="返回前 N 家")
        parser.add_argument("--universe", type=Path, help="企业库目录（默认 UNIVERSE_DIR）")
        parser.add_argument("--leader-group", help="本地链主所属集团名称")
        parser.add_argument(
            "--supplier", action="append", default=[], help="链主已知供应商的统一社会信用代码（可重复）"
        )
        parser.add_argument(
            "--suppliers-file", type=Path, help="链主已知供应商名单：每行一个统一社会信用代码"
        )
        parser.add_argument("--weights", type=Path, help="评分权重 JSON（默认随附 weights.json）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options) -> None:
        request, weights = self._request(options)
        universe = options["universe"]
        try:
            with connection(universe) as engine:
                candidates = rank_candidates(engine, request, weights)
        except UniverseMissing as exc:
            where = universe or settings.UNIVERSE_DIR
            raise CommandError(
                f"企业库目录 {where} 中没有数据文件；请先运行 zhaoshang universe generate 或 import"
            ) from exc
        except UniverseUnavailable as exc:
            raise CommandError(str(exc)) from exc
        region_name = load_divisions()[request.region_code].name
        if options["json"]:
            payload = {
                "region": {
                    "code": request.region_code,
                    "name": region_name,
                    "lat": request.lat,
                    "lon": request.lon,
                },
                "chain": request.chain,
                "segments": list(request.segments),
                "weights": weights.__dict__,
                "candidates": [
                    {
                        "rank": c.rank,
                        "uscc": c.uscc,
                        "name": c.name,
                        "province_code": c.province_code,
                        "district_code": c.district_code,
                        "registered_capital": c.registered_capital,
                        "employees": c.employees,
                        "distance_km": round(c.distance_km, 1),
                        "score": round(c.score, 4),
                        "components": c.explain(weights),
                        "flags": c.flags,
                    }
                    for c in candidates
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{region_name}（{request.region_code}）· {request.chain} · {'、'.join(request.segments)}"
        )
        for c in candidates:
            parts = "  ".join(f"{k} {v['points']:+.3f}" for k, v in c.explain(weights).items())
            self.stdout.write(
                f"{c.rank:>3}. {c.score:.3f}  {c.name}  {c.uscc}  {c.distance_km:,.0f}km  {parts}"
            )

    def _request(self, options: dict) -> tuple[TargetRequest, ScoreWeights]:
        try:
            chain = chaindefs.load_chain(options["chain"])
            segments = tuple(chain.segment(s).key for s in options["segment"])
            lat, lon = region_centroid(options["region"])
            weights = ScoreWeights.load(options["weights"])
        except (chaindefs.ChainDefinitionError, UnknownRegionError, ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        suppliers = list(options["supplier"])
        if options["suppliers_file"]:
            try:
                text = options["suppliers_file"].read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise CommandError(f"无法读取供应商名单：{exc}") from exc
            suppliers += [line.strip().upper() for line in text.splitlines() if line.strip()]
        if options["top"] < 1:
            raise CommandError("--top 应为正整数")
        return TargetRequest(
            options["region"],
            lat,
            lon,
            chain.key,
            segments,
            options["leader_group"],
            tuple(suppliers),
            options["top"],
        ), weights
