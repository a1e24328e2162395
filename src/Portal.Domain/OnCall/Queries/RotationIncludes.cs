using Microsoft.EntityFrameworkCore;

namespace Portal.Domain.OnCall.Queries;

/// <summary>Loads what <see cref="RotationDetailsDto.From"/> reads, for the read and the write side alike.</summary>
internal static class RotationIncludes
{
    public static IQueryable<OnCallRotation> WithChildren(this IQueryable<OnCallRotation> rotations) =>
        rotations.Include(r => r.Participants).ThenInclude(p => p.Person)
            .Include(r => r.Overrides).ThenInclude(o => o.Person)
            .AsSplitQuery();
}
