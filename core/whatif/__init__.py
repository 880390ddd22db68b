"""What-if (DESIGN.md §7.1): goal seek, sensitivity and named scenarios."""
