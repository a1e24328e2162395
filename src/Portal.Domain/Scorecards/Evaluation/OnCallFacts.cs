namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>On-call rotations of the team paged for a service.</summary>
/// <param name="Rotations">Rotations the paged team has.</param>
/// <param name="RotationsWithPeople">Of those, rotations with at least one participant.</param>
/// <param name="Participants">Distinct people across the rotations.</param>
/// <param name="ParticipantsInOwnerTeam">Of those, people who are members of the owner team.</param>
public sealed record OnCallFacts(int Rotations, int RotationsWithPeople, int Participants, int ParticipantsInOwnerTeam)
{
    /// <summary>No rotation at all.</summary>
    public static OnCallFacts None { get; } = new(0, 0, 0, 0);
}
