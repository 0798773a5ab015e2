"""Letters to customers, rendered as PDF with reportlab. No Qt here."""
