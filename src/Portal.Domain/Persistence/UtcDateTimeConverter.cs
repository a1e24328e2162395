using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Domain.Persistence;

/// <summary>Stores UTC <see cref="DateTime"/> values and reads them back marked as UTC, on both providers.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
