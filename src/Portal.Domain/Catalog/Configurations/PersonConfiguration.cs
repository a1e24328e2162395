using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.MapCatalogEntity("people");
        b.Property(p => p.Email).HasMaxLength(320);
        b.Property(p => p.GitHubLogin).HasMaxLength(100);
        b.Property(p => p.Phone).HasMaxLength(PhoneNumber.MaxLength);
        b.HasIndex(p => p.Email);
        b.HasIndex(p => p.GitHubLogin);
        b.Property(p => p.SignInIssuer).HasMaxLength(Security.Commands.SignInLinker.MaxIssuerLength);
        b.Property(p => p.SignInSubject).HasMaxLength(Security.Commands.SignInLinker.MaxSubjectLength);

        // One sign-in account belongs to one person (NULLs, the unlinked, do not collide on either provider).
        b.HasIndex(p => new { p.SignInIssuer, p.SignInSubject }).IsUnique();

        // Four eyes looks people up by their sign-in subject alone (SameAccountNames).
        b.HasIndex(p => p.SignInSubject);
        b.Navigation(p => p.Memberships).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
