"""What the library publishes about itself: hours, books of the day, videos, map, contacts."""

from library.models.books import BookFeatureDate, BookIndexPage, BookPage, book_of_the_day
from library.models.contacts import LibraryContact, SupportContact, WebsiteLink
from library.models.hours import (
    UPCOMING_EXCEPTION_DAYS,
    Closure,
    ExceptionSession,
    HoursException,
    ServiceHours,
    WeeklySession,
)
from library.models.maps import AdministrativeUnit, MapPage, UnitKind
from library.models.videos import VideoCategory, VideoIndexPage, VideoPage, live_videos

__all__ = [
    "UPCOMING_EXCEPTION_DAYS",
    "AdministrativeUnit",
    "Closure",
    "BookFeatureDate",
    "BookIndexPage",
    "BookPage",
    "ExceptionSession",
    "HoursException",
    "LibraryContact",
    "MapPage",
    "ServiceHours",
    "SupportContact",
    "UnitKind",
    "VideoCategory",
    "VideoIndexPage",
    "VideoPage",
    "WeeklySession",
    "WebsiteLink",
    "book_of_the_day",
    "live_videos",
]
