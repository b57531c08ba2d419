"""Reception for a network (issue 18): earlier-slot wishes, booking requests between sites, arrivals."""
