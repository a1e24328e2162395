namespace Portal.Domain.Graph;

/// <summary>A finding that explains itself: what was found, along which path, and what to do about it.</summary>
public interface IGraphFinding
{
    /// <summary>One or two sentences in plain words, naming the path.</summary>
    string Summary { get; }

    /// <summary>A suggested fix.</summary>
    string Remedy { get; }
}
