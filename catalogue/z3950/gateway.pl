#!/usr/bin/perl
# The Z39.50 gateway: Debian's simple2zoom (Net::Z3950::Simple2ZOOM 1.04) with two changes.
#
# 1. Search terms stay UTF-8. The index names of the configuration are Perl character strings
#    (XML::Simple decodes the file) while a client's search term arrives as bytes; joining the
#    two upgraded the term's UTF-8 bytes as if they were Latin-1, so "Hạ Long" reached SRU as
#    "Háº¡ Long". The index names are handed back as UTF-8 bytes instead.
# 2. Z3950_SRU_URL and Z3950_TIMEOUT in the environment override every database's <zurl> and
#    timeout, so that one committed configuration serves any server.
#
#   perl catalogue/z3950/gateway.pl -c catalogue/z3950/gateway.xml -- [YAZ options] tcp:127.0.0.1:2100
use strict;
use warnings;
use Getopt::Std;
use Net::Z3950::Simple2ZOOM;

{
    no warnings 'redefine';
    my $ap2index = \&Net::Z3950::Simple2ZOOM::_ap2index;
    *Net::Z3950::Simple2ZOOM::_ap2index = sub {
        my $index = $ap2index->(@_);
        utf8::encode($index);
        return $index;
    };
    my $reload = \&Net::Z3950::Simple2ZOOM::_reload_config_file;
    *Net::Z3950::Simple2ZOOM::_reload_config_file = sub {
        my ($this) = @_;
        $reload->($this);
        foreach my $db (values %{ $this->{cfg}->{database} }) {
            $db->{zurl} = $ENV{Z3950_SRU_URL} if $ENV{Z3950_SRU_URL};
            $db->{option}->{timeout} = { content => $ENV{Z3950_TIMEOUT} } if $ENV{Z3950_TIMEOUT};
        }
    };
}

my %opts;
if (!getopts("c:", \%opts) || !$opts{c}) {
    print STDERR "Usage: $0 -c <config-file> [-- YAZ-options] [listener-address]\n";
    exit 2;
}
Net::Z3950::Simple2ZOOM->new($opts{c})->launch_server("z3950-gateway", @ARGV);
