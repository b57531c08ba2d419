"""Figures for funders, the network and the site lead: statistics, CEJ hours, i-milo re-entry, FSE+
participants, accompanied young people, orientations, timesheets, and the spreadsheet exports."""

from __future__ import annotations

from dataclasses import dataclass

from mlplanner.services.context import ServiceContext
from mlplanner.services.reports.activity import ActivityService
from mlplanner.services.reports.cej import CejService
from mlplanner.services.reports.exports import ExportService, ReportFiles
from mlplanner.services.reports.fse import FseService
from mlplanner.services.reports.imilo import ImiloService
from mlplanner.services.workshops.kinds import WorkshopKindService


@dataclass(frozen=True)
class ReportServices:
    """The report use cases of one site file, built together by the composition root."""

    cej: CejService
    imilo: ImiloService
    fse: FseService
    activity: ActivityService
    exports: ExportService
    files: ReportFiles
    kinds: WorkshopKindService  # the kinds' CEJ scale and funded operation (set on the reports page)

    @classmethod
    def build(cls, ctx: ServiceContext) -> ReportServices:
        return cls(
            cej=CejService(ctx),
            imilo=ImiloService(ctx),
            fse=FseService(ctx),
            activity=ActivityService(ctx),
            exports=ExportService(ctx),
            files=ReportFiles(ctx),
            kinds=WorkshopKindService(ctx),
        )
