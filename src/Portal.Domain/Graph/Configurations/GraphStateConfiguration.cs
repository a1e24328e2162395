using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Graph.Configurations;

internal sealed class GraphStateConfiguration : IEntityTypeConfiguration<GraphState>
{
    public void Configure(EntityTypeBuilder<GraphState> b)
    {
        b.ToTable("graph_state");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new GraphState { Id = GraphState.SingletonId, Version = 0 });
    }
}
