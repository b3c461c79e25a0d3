/* Another file of the program: it calls neither function above. */
void other_work(void)
{
}
